using Bench.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// Everything a cell's numbers imply, computed from its samples and resources alone — so that a cell
/// measured in several launches can be recomputed after its samples were concatenated:
/// median and statistics, warnings, items per second, effective cores, speedup and efficiency against
/// the sequential reference (<see cref="DerivedFigures"/> computes them), overhead per item over the
/// ideal, peak tree memory. Speedup against W=1 needs another cell: see <see cref="AcrossCells"/>.
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
        var speedup = DerivedFigures.Speedup(derived.SequentialNs, median);
        derived = derived with
        {
            ItemsPerSecond = cell.Items / (median / 1e9),
            EffectiveCores = DerivedFigures.EffectiveCores(resources, cell.SamplesNs, Environment.ProcessorCount, out var coresProblem),
            SpeedupVsSequential = speedup,
            EfficiencyVsSequential = DerivedFigures.Efficiency(speedup, cell.Workers),
            // Worker-time lost per item over the ideal: (median − ideal) · W / n.
            OverheadPerItemNs = derived.IdealNs is { } ideal ? (median - ideal) * cell.Workers / cell.Items : null,
            PeakTreeMemoryBytes = resources?.Max(s => s.PeakRssBytes),
        };

        var warnings = cell.Warnings
            .Where(w => !SampleStatistics.WarningPrefixes.Any(p => w.StartsWith(p, StringComparison.Ordinal)))
            .Where(w => !w.StartsWith(DerivedFigures.CoresWarning, StringComparison.Ordinal))
            .Concat(SampleStatistics.Warnings(statistics))
            .Concat(coresProblem is null ? [] : [coresProblem])
            .ToList();
        return cell with { MedianNs = median, Statistics = statistics, Derived = derived, Warnings = warnings };
    }
}
