using Bench.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// Metrics that relate a cell to other cells of the same run: speedup and efficiency against the same
/// strategy, variant, workload and parameters at W=1 (<see cref="DerivedFigures.SpeedupsVsW1"/>). Computed
/// by the run once the W=1 cell exists; absent when it does not (not in the plan, or not ok).
/// </summary>
public static class AcrossCells
{
    public static IReadOnlyList<CellResult> Apply(IReadOnlyList<CellResult> cells)
    {
        var speedups = DerivedFigures.SpeedupsVsW1(cells, [.. cells.Select(c => c.MedianNs)]);
        return [.. cells.Select((cell, i) => cell.Derived is null || speedups[i] is not { } speedup
            ? cell
            : cell with { Derived = cell.Derived with { SpeedupVsW1 = speedup, EfficiencyVsW1 = DerivedFigures.Efficiency(speedup, cell.Workers) } })];
    }
}
