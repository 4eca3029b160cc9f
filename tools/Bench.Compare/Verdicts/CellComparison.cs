using Bench.Compare.Statistics;

namespace Bench.Compare.Verdicts;

/// <summary>The comparison of one cell: its verdict, the reason in one line, and the statistics behind it (null when unmatched or failed).</summary>
public sealed record CellComparison(string Key, string Name, string Group, Verdict Verdict, string Reason, ChangeStatistics? Statistics)
{
    /// <summary>A <see cref="Verdict.Failed"/> cell that failed in the current run (not only in the baseline): a regression.</summary>
    public bool CurrentFailed { get; init; }

    /// <summary>Seconds the current run's samples of this cell took together (JUnit's <c>time</c>); null where it has none.</summary>
    public double? CurrentSeconds { get; init; }

    /// <summary>The why-counters that moved most with a cell that changed ("minor page faults per item 12 → 9,400"): informational, never part of the verdict.</summary>
    public string? CounterChanges { get; init; }
}
