using Bench.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// Metrics that relate a cell to other cells of the same run: speedup against the same strategy, the
/// same workload and parameters at W=1 (its median ÷ this median). Computed by the run once the W=1
/// cell exists; absent when it does not (not in the plan, or not ok).
/// </summary>
public static class AcrossCells
{
    public static IReadOnlyList<CellResult> Apply(IReadOnlyList<CellResult> cells)
    {
        var single = cells
            .Where(c => c.Workers == 1 && c.Status == CellStatus.Ok && c.MedianNs > 0)
            .GroupBy(c => c.Key)
            .ToDictionary(g => g.Key, g => g.First().MedianNs!.Value, StringComparer.Ordinal);
        return [.. cells.Select(cell =>
        {
            if (cell.Status != CellStatus.Ok || cell.MedianNs is not > 0 || cell.Derived is null)
            {
                return cell;
            }

            var key = CellKey.Of(cell.Workload, cell.Strategy, 1, cell.Parameters);
            return single.TryGetValue(key, out var w1)
                ? cell with { Derived = cell.Derived with { SpeedupVsW1 = w1 / cell.MedianNs.Value } }
                : cell;
        })];
    }
}
