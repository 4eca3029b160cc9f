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
            EffectiveCores = resources is null ? null : resources.Sum(s => s.CpuUserNs + s.CpuSystemNs) / cell.SamplesNs.Sum(),
            SpeedupVsSequential = speedup,
            Efficiency = speedup / cell.Workers,
            // Worker-time lost per item over the ideal: (median − ideal) · W / n.
            OverheadPerItemNs = derived.IdealNs is { } ideal ? (median - ideal) * cell.Workers / cell.Items : null,
            PeakTreeMemoryBytes = resources?.Max(s => s.PeakRssBytes),
        };

        var warnings = cell.Warnings
            .Where(w => !SampleStatistics.WarningPrefixes.Any(p => w.StartsWith(p, StringComparison.Ordinal)))
            .Concat(SampleStatistics.Warnings(statistics))
            .ToList();
        return cell with { MedianNs = median, Statistics = statistics, Derived = derived, Warnings = warnings };
    }
}
