using Bench.Compare.Matching;

namespace Bench.Compare.Verdicts;

/// <summary>Everything a format renders and the CLI decides its exit code from.</summary>
public sealed record ComparisonReport(
    string BaselineSource,
    string BaselineKind,
    string CurrentSource,
    string CurrentKind,
    ComparisonOptions Options,
    IReadOnlyList<EnvironmentDifference> EnvironmentDifferences,
    IReadOnlyList<CellComparison> Cells)
{
    /// <summary>The earlier runs of a baseline history, oldest first; empty when the baseline was one run.</summary>
    public IReadOnlyList<string> EarlierBaselineSources { get; init; } = [];

    /// <summary>The command whose gate this is, as the formats title it: "bench compare", or "bench ab" for paired rounds.</summary>
    public string Command { get; init; } = "bench compare";

    public const int ExitNoRegression = 0;
    public const int ExitRegression = 1;

    public int Count(Verdict verdict) => Cells.Count(c => c.Verdict == verdict);

    /// <summary>
    /// Whether a cell fails the gate under the options' <see cref="FailOn"/>. A cell that was ok in the
    /// baseline and fails (crashes, hangs, returns a wrong result) in the current run is a regression too:
    /// a strategy that stopped working must not pass a gate that catches one that got 5% slower.
    /// </summary>
    public bool Fails(CellComparison cell) => Options.FailOn switch
    {
        FailOn.Any => cell.Verdict is Verdict.Slower or Verdict.Faster or Verdict.Failed or Verdict.New or Verdict.Missing,
        _ => cell.Verdict is Verdict.Slower || (cell.Verdict is Verdict.Failed && cell.CurrentFailed),
    };

    public IReadOnlyList<CellComparison> Failing => Cells.Where(Fails).ToList();

    public int ExitCode => Failing.Count > 0 ? ExitRegression : ExitNoRegression;

    /// <summary>Geometric mean of the Hodges-Lehmann ratios of all cells that have one; null when none do.</summary>
    public double? GeometricMeanRatio
    {
        get
        {
            var ratios = Cells.Where(c => c.Statistics is { Ratio: > 0 and var r } && double.IsFinite(r)).Select(c => c.Statistics!.Ratio).ToList();
            return ratios.Count == 0 ? null : Math.Exp(ratios.Average(r => Math.Log(r)));
        }
    }

    /// <summary>Cells ordered worst first: slower by ratio (largest first), then the rest by verdict importance.</summary>
    public IReadOnlyList<CellComparison> WorstFirst =>
        Cells.OrderBy(c => VerdictNames.SummaryOrder.ToList().IndexOf(c.Verdict))
             .ThenByDescending(c => c.Statistics?.Ratio ?? 0)
             .ToList();

    /// <summary>"1 slower, 2 unknown, 15 noise" in summary order, zero counts left out.</summary>
    public string CountsLine =>
        string.Join(", ", VerdictNames.SummaryOrder.Select(v => (v, n: Count(v))).Where(x => x.n > 0).Select(x => $"{x.n} {x.v.Name()}"));
}
