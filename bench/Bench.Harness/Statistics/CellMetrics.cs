using Bench.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// Everything a cell's numbers imply, computed from its samples and resources alone — so that a cell
/// measured in several launches can be recomputed after its samples were concatenated:
/// median and statistics, warnings, items per second, effective cores (tree CPU ÷ wall over all
/// samples), speedup against the sequential reference and parallel efficiency (that speedup ÷ W),
/// overhead per item over the ideal, peak tree memory. Speedup against W=1 needs another cell: see
/// <see cref="AcrossCells"/>.
/// </summary>
public static class CellMetrics
{
    public static CellResult Complete(CellResult cell)
    {
        if (cell.Status != CellStatus.Ok || cell.SamplesNs.Count == 0)
        {
            return cell;
        }

        var statistics = SampleStatistics.Compute(cell.SamplesNs)!;
        var median = statistics.MedianNs;
        var derived = cell.Derived ?? new DerivedMetrics();
        var resources = cell.Resources is { Count: > 0 } r && r.Count == cell.SamplesNs.Count ? r : null;
        var speedup = derived.SequentialNs is { } sequential && median > 0 ? sequential / median : (double?)null;
        derived = derived with
        {
            ItemsPerSecond = cell.Items / (median / 1e9),
            EffectiveCores = EffectiveCores(resources, cell.SamplesNs, out var coresProblem),
            SpeedupVsSequential = speedup,
            Efficiency = speedup / cell.Workers,
            // Worker-time lost per item over the ideal: (median − ideal) · W / n.
            OverheadPerItemNs = derived.IdealNs is { } ideal ? (median - ideal) * cell.Workers / cell.Items : null,
            PeakTreeMemoryBytes = resources?.Max(s => s.PeakRssBytes),
        };

        var warnings = cell.Warnings
            .Where(w => !SampleStatistics.WarningPrefixes.Any(p => w.StartsWith(p, StringComparison.Ordinal)))
            .Where(w => !w.StartsWith(CoresWarning, StringComparison.Ordinal))
            .Concat(SampleStatistics.Warnings(statistics))
            .Concat(coresProblem is null ? [] : [coresProblem])
            .ToList();
        return cell with { MedianNs = median, Statistics = statistics, Derived = derived, Warnings = warnings };
    }

    private const string CoresWarning = "effective cores not stated: ";

    /// <summary>Below this much measured wall time in all, CPU time cannot be attributed to the batches.</summary>
    public const double MinimumWallForCpuNs = 250e6;

    /// <summary>
    /// Tree CPU ÷ wall over all samples — stated only where it can be trusted. Live workers' CPU comes in
    /// 10 ms ticks and the cell process's own background threads (tiered JIT, GC) run beside short
    /// batches, so sub-millisecond batches gave "5.4 cores" on a 2-core machine. A figure from under
    /// <see cref="MinimumWallForCpuNs"/> of batches, or above the machine's cores, is withheld with a reason.
    /// </summary>
    private static double? EffectiveCores(IReadOnlyList<SampleResources>? resources, IReadOnlyList<double> samples, out string? problem)
    {
        problem = null;
        if (resources is null)
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

        if (cores > Environment.ProcessorCount + 0.25)
        {
            problem = $"{CoresWarning}{cores:F2} measured on {Environment.ProcessorCount} logical cores is impossible (background CPU beside short batches)";
            return null;
        }

        return cores;
    }
}
