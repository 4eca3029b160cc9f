using Bench.Compare.Inputs;
using Bench.Results;

namespace Bench.Compare.Matching;

/// <summary>
/// Pairs cells by their key — workload, strategy, workers and sorted parameters (see
/// <see cref="CellKey"/>) — so cell order and plan changes between runs do not matter. Current cells
/// come first in their own order, then baseline cells that disappeared. With a baseline history, the
/// newest baseline run is the baseline; each pair also carries the same cell from the earlier runs that have it.
/// </summary>
public static class CellMatcher
{
    public static IReadOnlyList<MatchedPair> Match(ComparisonInput baseline, ComparisonInput current) => Match([], baseline, current);

    /// <param name="earlierBaselines">The earlier runs of a baseline history, oldest first (empty: no history).</param>
    public static IReadOnlyList<MatchedPair> Match(IReadOnlyList<ComparisonInput> earlierBaselines, ComparisonInput baseline, ComparisonInput current)
    {
        var baselineByKey = Index(baseline);
        var currentByKey = Index(current);
        var earlierByKey = earlierBaselines.Select(Index).ToList();
        var pairs = new List<MatchedPair>();
        foreach (var cell in current.Cells)
        {
            pairs.Add(new MatchedPair(cell.Key, baselineByKey.GetValueOrDefault(cell.Key), cell, Earlier(cell.Key)));
        }

        foreach (var cell in baseline.Cells.Where(c => !currentByKey.ContainsKey(c.Key)))
        {
            pairs.Add(new MatchedPair(cell.Key, cell, null, Earlier(cell.Key)));
        }

        return pairs;

        IReadOnlyList<InputCell> Earlier(string key) =>
            earlierByKey.Select(run => run.GetValueOrDefault(key)).OfType<InputCell>().ToList();
    }

    private static Dictionary<string, InputCell> Index(ComparisonInput input)
    {
        var map = new Dictionary<string, InputCell>(StringComparer.Ordinal);
        foreach (var cell in input.Cells)
        {
            if (!map.TryAdd(cell.Key, cell))
            {
                // Two cells with one identity cannot be matched unambiguously: the file is not a run we wrote.
                throw new ResultsFileException($"{input.Source} has two cells with the same identity: {cell.Name}");
            }
        }

        return map;
    }
}
