using System.Globalization;

namespace Bench.History.Trends;

/// <summary>
/// A step in a cell's trend on one machine, between two consecutive commits of that machine's series.
/// <see cref="Ratio"/> is the Hodges-Lehmann ratio of the segment after the step to the segment before
/// (commit medians), with its interval; the step counted because ED-PELT placed it and bench compare's test
/// confirmed it (p below alpha, ratio beyond the threshold).
/// </summary>
public sealed record ChangePoint(
    string CellKey,
    string CellName,
    string Machine,
    string MachineLabel,
    Commit Before,
    Commit After,
    int PointsBefore,
    int PointsAfter,
    double MedianBeforeNs,
    double MedianAfterNs,
    double Ratio,
    double RatioLower,
    double RatioUpper,
    double ConfidenceLevel,
    double P)
{
    /// <summary>"+12.3 %" or "−8.0 %": the step as a change of time (positive: slower).</summary>
    public string Step => Percent(Ratio);

    /// <summary>"sieve processes W=2 stepped +10.1 % (98% CI +8.7 % … +11.4 %) between commit c6 and commit c7 on machine AMD EPYC, 2 cores (1a2b3c4d5e6f)".</summary>
    public string Sentence =>
        $"{CellName} stepped {Step} ({(ConfidenceLevel * 100).ToString("0", CultureInfo.InvariantCulture)}% CI {Percent(RatioLower)} … {Percent(RatioUpper)}) " +
        $"between commit {Before.Label} and commit {After.Label} on machine {MachineLabel}";

    private static string Percent(double ratio)
    {
        if (!double.IsFinite(ratio))
        {
            return ratio > 0 ? "+∞" : "−∞";
        }

        var change = (ratio - 1) * 100;
        return (change >= 0 ? "+" : "−") + Math.Abs(change).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }
}
