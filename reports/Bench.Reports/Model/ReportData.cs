using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>
/// results.json arranged for reporting: cells with their derived figures, grouped by workload and
/// parameters, strategies in their fixed order. Built once; every writer reads this and nothing else.
/// </summary>
public sealed class ReportData
{
    public ReportData(RunResults results)
    {
        Results = results;
        Cells = results.Cells.Select((c, i) => new CellView(c, i)).ToList();
        Strategies = Model.Strategies.Order(Cells.Select(c => c.Strategy));
        FillSpeedups(Cells);

        // Groups in plan order of their first cell: a workload with two parameter sets is two groups.
        Groups = Cells
            .GroupBy(c => GroupKey(c.Cell), StringComparer.Ordinal)
            .Select((g, i) => new WorkloadGroup(i + 1, g.First().Workload, g.First().Cell.Category, WithoutWorkers(g.First().Cell.Parameters), g.ToList(), Strategies))
            .ToList();
    }

    public RunResults Results { get; }

    public EnvironmentInfo Environment => Results.Environment;

    public Calibration? Calibration => Results.Calibration;

    public IReadOnlyList<CellView> Cells { get; }

    public IReadOnlyList<string> Strategies { get; }

    public IReadOnlyList<WorkloadGroup> Groups { get; }

    public IEnumerable<CellView> OkCells => Cells.Where(c => c.IsOk);

    private static string GroupKey(CellResult cell) => CellKey.Of(cell.Workload, "", 0, WithoutWorkers(cell.Parameters));

    // Parameters never include W today, but a workload could echo it; it must not split the groups. Nor may
    // gil=on: GIL cells are a series (threads-gil) beside .NET threads and processes in the same group.
    private static IReadOnlyDictionary<string, string> WithoutWorkers(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Where(p => p.Key is not ("workers" or "w" or Model.Strategies.GilParameter)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static void FillSpeedups(IReadOnlyList<CellView> cells)
    {
        var baselines = cells
            .Where(c => c.IsOk && c.Workers == 1 && c.MedianNs is not null)
            .GroupBy(c => CellKey.Of(c.Workload, c.Strategy, 1, c.Cell.Parameters), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().MedianNs!.Value, StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => c.IsOk))
        {
            var speedup = cell.Cell.Derived?.SpeedupVsW1;
            if (speedup is not { } s || !double.IsFinite(s) || s <= 0)
            {
                speedup = baselines.TryGetValue(CellKey.Of(cell.Workload, cell.Strategy, 1, cell.Cell.Parameters), out var baseline) && cell.MedianNs is { } median
                    ? baseline / median
                    : null;
            }

            cell.Speedup = speedup;
            // Efficiency on the same base as the speedup beside it in every table and chart (W=1 of the
            // same strategy). results.json's derived.efficiency is against the plain sequential loop, a
            // different base: mixing the two made a 1.5× speedup at W=2 sit beside "23% efficiency".
            cell.Efficiency = speedup / cell.Workers;
        }
    }
}
