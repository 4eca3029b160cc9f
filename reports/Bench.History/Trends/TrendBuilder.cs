using Bench.Results;
using Bench.Store.Runs;

namespace Bench.History.Trends;

/// <summary>Arranges a store's runs and cells into commits and cell trends.</summary>
public static class TrendBuilder
{
    public static IReadOnlyList<Commit> Commits(IReadOnlyList<StoredRun> runs) =>
        runs.GroupBy(CommitId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, First: g.MinBy(r => r.StartedUtc)!))
            .OrderBy(c => c.First.StartedUtc).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select((c, i) => new Commit(i, c.Id, Label(c.First), c.First.StartedUtc, c.First.Branch))
            .ToList();

    public static string CommitId(StoredRun run) => run.Commit is { Length: > 0 } commit ? commit : $"run:{run.Id}";

    /// <param name="machineLabels">How each machine fingerprint is named in legends.</param>
    public static IReadOnlyList<CellTrend> Cells(
        IReadOnlyList<StoredRun> runs, IReadOnlyList<StoredCell> cells, IReadOnlyList<Commit> commits, IReadOnlyDictionary<string, string> machineLabels)
    {
        var runById = runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var commitById = commits.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var machineOrder = machineLabels.Keys.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        var trends = new List<CellTrend>();
        // Cells in the order the newest run lists them (its plan order), then any that only older runs had.
        var order = cells.OrderByDescending(c => runById[c.RunId].StartedUtc).ThenBy(c => c.Index)
            .Select(c => c.Key).Distinct(StringComparer.Ordinal).Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        foreach (var byKey in cells.Where(c => runById.ContainsKey(c.RunId)).GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => order[g.Key]))
        {
            var first = byKey.First();
            var series = byKey
                .Where(c => c.Status == CellStatus.Ok && c.MedianNs is > 0)
                .GroupBy(c => runById[c.RunId].Machine, StringComparer.Ordinal)
                .OrderBy(g => machineOrder.GetValueOrDefault(g.Key, int.MaxValue))
                .Select(g => new MachineSeries(g.Key, machineLabels.GetValueOrDefault(g.Key, g.Key), Points(g, runById, commitById)))
                .ToList();
            var strategy = first.Variant is null ? first.Strategy : $"{first.Strategy}-{first.Variant}";
            trends.Add(new CellTrend(byKey.Key, first.Workload, first.Category, strategy, first.Workers, first.Parameters, GroupOf(first), series));
        }

        return trends;
    }

    private static IReadOnlyList<TrendPoint> Points(IEnumerable<StoredCell> cells, IReadOnlyDictionary<string, StoredRun> runs, IReadOnlyDictionary<string, Commit> commits) =>
        cells.GroupBy(c => commits[CommitId(runs[c.RunId])])
            .OrderBy(g => g.Key.Index)
            .Select(g =>
            {
                var medians = g.Select(c => c.MedianNs!.Value).Order().ToList();
                var lows = g.Select(c => c.CiLowerNs).OfType<double>().ToList();
                var highs = g.Select(c => c.CiUpperNs).OfType<double>().ToList();
                return new TrendPoint(g.Key, Median(medians), lows.Count > 0 ? lows.Min() : null, highs.Count > 0 ? highs.Max() : null, medians);
            })
            .ToList();

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string GroupOf(StoredCell cell)
    {
        // A variant (gil=on) is a series beside the plain strategy in the same group, as in the run report.
        var variant = cell.Variant is null ? null : $"{cell.Variant}={CellKey.VariantOn}";
        var parameters = cell.Parameters.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(p => p != variant).ToList();
        return parameters.Count == 0 ? cell.Workload : $"{cell.Workload} ({string.Join(", ", parameters)})";
    }

    private static string Label(StoredRun run) => run.Commit is { Length: > 0 } commit ? commit[..Math.Min(8, commit.Length)] : $"run {run.Id[..8]}";
}
