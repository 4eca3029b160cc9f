using Bench.Reports.Claims;
using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>
/// results.json arranged for reporting: cells with their derived figures, grouped by workload and
/// parameters, strategies in their fixed order. Built once; every writer reads this and nothing else.
/// </summary>
public sealed class ReportData
{
    public ReportData(RunResults results, ClaimOptions? options = null)
    {
        Results = results;
        Options = options ?? ClaimOptions.Default;
        Strategies = new Strategies(results);
        Cells = results.Cells.Select((c, i) => new CellView(c, i, results.Environment.LogicalCores)).ToList();
        FillSpeedups(Cells, Options);

        // Groups in plan order of their first cell: a workload with two parameter sets is two groups. A
        // variant is not a parameter: GIL cells are a series (threads-gil) beside .NET threads and processes in the same group.
        Groups = Cells
            .GroupBy(c => CellKey.Of(c.Workload, "", 0, c.Cell.Parameters), StringComparer.Ordinal)
            .Select((g, i) => new WorkloadGroup(i + 1, g.First().Workload, g.First().Cell.Category, g.First().Cell.Parameters, g.ToList(), Strategies, Options.Confidence))
            .ToList();
    }

    public RunResults Results { get; }

    /// <summary>The threshold and confidence every claim is decided with.</summary>
    public ClaimOptions Options { get; }

    public EnvironmentInfo Environment => Results.Environment;

    public Calibration? Calibration => Results.Calibration;

    public IReadOnlyList<CellView> Cells { get; }

    /// <summary>The run's series in display order, and each one's family, variant and colour.</summary>
    public Strategies Strategies { get; }

    public IReadOnlyList<WorkloadGroup> Groups { get; }

    public IEnumerable<CellView> OkCells => Cells.Where(c => c.IsOk);

    // Speedup and efficiency on one base, W=1 of the same series, in every table and chart: results.json's
    // speedup where it has one, else computed as the run computes it, from the medians the report shows.
    // The interval comes from both cells' samples (W=1 time ÷ this cell's time, Hodges-Lehmann), like every claim's.
    private static void FillSpeedups(IReadOnlyList<CellView> cells, ClaimOptions options)
    {
        var computed = DerivedFigures.SpeedupsVsW1([.. cells.Select(c => c.Cell)], [.. cells.Select(c => c.MedianNs)]);
        var single = cells.Where(c => c is { IsOk: true, Workers: 1 }).GroupBy(c => c.Cell.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (cell, i) in cells.Select((c, i) => (c, i)).Where(x => x.c.IsOk))
        {
            var stated = cell.Cell.Derived?.SpeedupVsW1;
            cell.SpeedupVsW1 = stated is { } s && double.IsFinite(s) && s > 0 ? s : computed[i];
            cell.EfficiencyVsW1 = DerivedFigures.Efficiency(cell.SpeedupVsW1, cell.Workers);
            if (cell.SpeedupVsW1 is not null && cell.Samples.Count > 0 && single.TryGetValue(DerivedFigures.W1Key(cell.Cell), out var w1) && w1.Samples.Count > 0)
            {
                var speedup = cell.Workers == 1 ? null : RatioComparison.OfTimes(cell.Samples, w1.Samples, options);
                cell.SpeedupInterval = speedup is { HasInterval: true } ? (speedup.Lower, speedup.Upper) : null;
            }
        }
    }
}
