namespace Bench.Results;

/// <summary>
/// The figures that relate a cell's time to a baseline or to its resources, computed here and nowhere
/// else: by the run into <see cref="DerivedMetrics"/>, and by the report for files that lack them.
/// Speedup is a baseline's median ÷ the cell's median; efficiency is a speedup ÷ W, named after its
/// baseline (<see cref="DerivedMetrics.EfficiencyVsW1"/>, <see cref="DerivedMetrics.EfficiencyVsSequential"/>).
/// </summary>
public static class DerivedFigures
{
    /// <summary>Below this much measured wall time in all, CPU time cannot be attributed to the batches.</summary>
    public const double MinimumWallForCpuNs = 250e6;

    /// <summary>How the warning that withholds effective cores starts (a recomputation replaces it).</summary>
    public const string CoresWarning = "effective cores not stated: ";

    /// <summary>Baseline ÷ median, or null unless both are positive and finite.</summary>
    public static double? Speedup(double? baselineNs, double? medianNs) =>
        baselineNs is { } b && medianNs is { } m && double.IsFinite(b) && double.IsFinite(m) && b > 0 && m > 0 ? b / m : null;

    /// <summary>A speedup ÷ W.</summary>
    public static double? Efficiency(double? speedup, int workers) => workers > 0 ? speedup / workers : null;

    /// <summary>The key of the cell's own W=1 counterpart: same workload, strategy, variant and parameters.</summary>
    public static string W1Key(CellResult cell) => CellKey.Of(cell.Workload, cell.Strategy, 1, cell.Parameters, cell.Variant);

    /// <summary>
    /// Each cell's speedup over its W=1 counterpart, from <paramref name="medians"/> (aligned with
    /// <paramref name="cells"/>); null for a cell that is not ok or whose counterpart is missing or not ok.
    /// </summary>
    public static IReadOnlyList<double?> SpeedupsVsW1(IReadOnlyList<CellResult> cells, IReadOnlyList<double?> medians)
    {
        var single = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { Status: CellStatus.Ok, Workers: 1 } && medians[i] is { } median && median > 0)
            {
                single.TryAdd(cells[i].Key, median);
            }
        }

        return [.. cells.Select((cell, i) => cell.Status == CellStatus.Ok && single.TryGetValue(W1Key(cell), out var w1) ? Speedup(w1, medians[i]) : null)];
    }

    /// <summary>
    /// CPU time of the whole process tree ÷ wall time, over all samples — stated only where it can be
    /// trusted. Live workers' CPU comes in 10 ms ticks and the cell process's own background threads
    /// (tiered JIT, GC) run beside short batches, so sub-millisecond batches gave "5.4 cores" on a 2-core
    /// machine. A figure from under <see cref="MinimumWallForCpuNs"/> of batches, or above
    /// <paramref name="logicalCores"/>, is withheld, and <paramref name="problem"/> says why.
    /// </summary>
    public static double? EffectiveCores(IReadOnlyList<SampleResources>? resources, IReadOnlyList<double> samples, int logicalCores, out string? problem)
    {
        problem = null;
        if (resources is not { Count: > 0 } || resources.Count != samples.Count)
        {
            return null;
        }

        var wall = samples.Sum();
        var cores = resources.Sum(s => s.CpuUserNs + s.CpuSystemNs) / wall;
        if (wall < MinimumWallForCpuNs)
        {
            problem = $"{CoresWarning}{wall / 1e6:F1} ms of batches in all is too short to attribute CPU time (needs {MinimumWallForCpuNs / 1e6:F0} ms)";
            return null;
        }

        if (!double.IsFinite(cores) || cores > logicalCores + 0.25)
        {
            problem = $"{CoresWarning}{cores:F2} measured on {logicalCores} logical cores is impossible (background CPU beside short batches)";
            return null;
        }

        return cores;
    }
}
