namespace Bench.History.Trends;

/// <summary>One cell (workload × strategy × W × parameters) over commits: a series per machine that ran it.</summary>
/// <param name="Group">The workload and its parameters without W: cells of one group share a section of the page.</param>
/// <param name="Strategy">The strategy, or "strategy-variant" (threads-gil), as the run report names the series.</param>
public sealed record CellTrend(string Key, string Workload, string? Category, string Strategy, int Workers, string Parameters, string Group, IReadOnlyList<MachineSeries> Series)
{
    /// <summary>"sieve process-pool W=4": how the cell is named in change points.</summary>
    public string Name => $"{Workload} {Strategy} W={Workers}";
}

/// <summary>A machine's points of one cell, oldest commit first.</summary>
public sealed record MachineSeries(string Machine, string MachineLabel, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// A cell at one commit on one machine: the median of its runs' medians there (one run: its median), and
/// the interval — the cell's confidence interval of the median from its run, or with several runs the span of
/// their intervals.
/// </summary>
/// <param name="RunMediansNs">Each run's median at this commit: drawn as dots when a commit has several runs.</param>
public sealed record TrendPoint(Commit Commit, double MedianNs, double? LowNs, double? HighNs, IReadOnlyList<double> RunMediansNs)
{
    public int Runs => RunMediansNs.Count;
}
