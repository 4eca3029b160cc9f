namespace Bench.Compare.Statistics;

/// <summary>
/// How current differs from baseline for one cell. Over samples, shift and ratio are Hodges-Lehmann
/// estimates (the median of all pairwise differences / ratios), each with its distribution-free confidence
/// interval. Over launches or runs (<see cref="ByLaunch"/>, <see cref="ByRun"/>), medians are the geometric
/// means of the replicates' medians and shift, ratio and intervals follow from them (<see cref="ReplicateTest"/>).
/// </summary>
/// <param name="BaselineCount">Samples on the baseline side.</param>
/// <param name="CurrentCount">Samples on the current side.</param>
/// <param name="BaselineMedianNs">Median of the baseline samples.</param>
/// <param name="CurrentMedianNs">Median of the current samples.</param>
/// <param name="ShiftNs">Hodges-Lehmann shift current − baseline (positive: slower).</param>
/// <param name="ShiftLowerNs">Lower bound of the shift's confidence interval (−∞ when the samples are too few).</param>
/// <param name="ShiftUpperNs">Upper bound (+∞ when the samples are too few).</param>
/// <param name="Ratio">Hodges-Lehmann ratio current / baseline (above 1: slower).</param>
/// <param name="RatioLower">Lower bound of the ratio's confidence interval (0 when too few samples).</param>
/// <param name="RatioUpper">Upper bound (+∞ when too few samples).</param>
/// <param name="ConfidenceLevel">Two-sided level of both intervals: 1 − 2·alpha (the TOST equivalence interval).</param>
/// <param name="PSlower">Mann-Whitney p-value of "current is slower than baseline by more than the noise threshold".</param>
/// <param name="PFaster">Mann-Whitney p-value of "current is faster than baseline by more than the noise threshold".</param>
/// <param name="SmallestPossibleP">The smallest one-sided p-value these sample counts can produce at all.</param>
/// <param name="ThresholdFraction">The threshold as a fraction of the baseline median.</param>
/// <param name="NoiseFraction">The noise threshold as a fraction of the baseline median.</param>
/// <param name="BaselineLaunches">Launches on the baseline side when the launch was the unit of replication (see <see cref="LaunchAnalysis"/>); null: samples were.</param>
/// <param name="CurrentLaunches">Launches on the current side, likewise.</param>
/// <param name="PSlowerAdjusted">PSlower adjusted for the family of cells compared together (<see cref="FamilyAdjustment"/>); null: not adjusted.</param>
/// <param name="PFasterAdjusted">PFaster adjusted likewise.</param>
/// <param name="FamilySize">Cells in the family the p-values were adjusted over (1: none).</param>
/// <param name="BaselineRuns">Baseline runs when a baseline history made the run the unit of replication (see <see cref="RunAnalysis"/>); null otherwise.</param>
/// <param name="Rounds">Paired rounds of a bench ab run when the round was the unit of replication (see <see cref="PairedAnalysis"/>); null otherwise.</param>
/// <param name="PairedTest">The test behind the p-values of a paired analysis: "t" or "wilcoxon"; null otherwise.</param>
public sealed record ChangeStatistics(
    int BaselineCount,
    int CurrentCount,
    double BaselineMedianNs,
    double CurrentMedianNs,
    double ShiftNs,
    double ShiftLowerNs,
    double ShiftUpperNs,
    double Ratio,
    double RatioLower,
    double RatioUpper,
    double ConfidenceLevel,
    double PSlower,
    double PFaster,
    double SmallestPossibleP,
    double ThresholdFraction,
    double NoiseFraction,
    int? BaselineLaunches = null,
    int? CurrentLaunches = null,
    int? BaselineRuns = null,
    double? PSlowerAdjusted = null,
    double? PFasterAdjusted = null,
    int FamilySize = 1,
    int? Rounds = null,
    string? PairedTest = null)
{
    /// <summary>True when ratio, interval and p-values come from the paired rounds of a bench ab run.</summary>
    public bool ByRound => Rounds is not null;

    /// <summary>The p-value the slower verdict is decided on: adjusted for the family where it was.</summary>
    public double SlowerP => PSlowerAdjusted ?? PSlower;

    /// <summary>The p-value the faster verdict is decided on.</summary>
    public double FasterP => PFasterAdjusted ?? PFaster;

    /// <summary>True when the p-values were adjusted over more than one cell.</summary>
    public bool Adjusted => PSlowerAdjusted is not null && FamilySize > 1;

    /// <summary>True when ratio, interval and p-values come from launches rather than samples.</summary>
    public bool ByLaunch => BaselineLaunches is not null;

    /// <summary>True when ratio, interval and p-values come from a baseline history's runs.</summary>
    public bool ByRun => BaselineRuns is not null;
}
