using Bench.Reports.Model;

namespace Bench.Reports.Guide;

/// <summary>
/// Strategies ranked by throughput within a category (I/O-bound, CPU-bound). Each strategy is scored by
/// its best cell per workload group, as a fraction of the group's best, and these fractions are combined
/// by geometric mean, so workloads with different item sizes weigh the same.
/// </summary>
public sealed class CategoryRanking
{
    private CategoryRanking(string category, IReadOnlyList<WorkloadGroup> groups, IReadOnlyList<RankedStrategy> ranked)
    {
        Category = category;
        Groups = groups;
        Ranked = ranked;
    }

    public string Category { get; }

    public IReadOnlyList<WorkloadGroup> Groups { get; }

    /// <summary>Best first.</summary>
    public IReadOnlyList<RankedStrategy> Ranked { get; }

    public static CategoryRanking? Of(ReportData data, string category)
    {
        var groups = data.Groups.Where(g => g.Category == category && g.OkCells.Any(c => c.ItemsPerSecond is not null)).ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var ranked = new List<RankedStrategy>();
        foreach (var strategy in data.Strategies)
        {
            var bests = groups.Select(g => (Group: g, Best: g.Best(strategy))).Where(x => x.Best is not null).ToList();
            if (bests.Count == 0)
            {
                continue;
            }

            var score = Stats.GeometricMean(bests.Select(x => x.Best!.ItemsPerSecond!.Value / x.Group.OkCells.Max(c => c.ItemsPerSecond ?? 0)));
            ranked.Add(new RankedStrategy(strategy, score, bests.Select(x => x.Best!).ToList()));
        }

        return new CategoryRanking(category, groups, ranked.OrderByDescending(r => r.Score).ToList());
    }

    public int? RankOf(string strategy)
    {
        var index = Ranked.ToList().FindIndex(r => r.Strategy == strategy);
        return index < 0 ? null : index + 1;
    }

    public RankedStrategy? Find(string strategy) => Ranked.FirstOrDefault(r => r.Strategy == strategy);
}

/// <param name="Score">Geometric mean of (this strategy's best throughput ÷ the group's best), 1 for the fastest everywhere.</param>
/// <param name="BestCells">The strategy's best cell in each group it ran in.</param>
public sealed record RankedStrategy(string Strategy, double Score, IReadOnlyList<CellView> BestCells)
{
    /// <summary>How many times this strategy's throughput is another's: per group when one group, else the score ratio.</summary>
    public double TimesThat(RankedStrategy other) =>
        BestCells.Count == 1 && other.BestCells.Count == 1 && other.BestCells[0].ItemsPerSecond > 0
            ? BestCells[0].ItemsPerSecond!.Value / other.BestCells[0].ItemsPerSecond!.Value
            : Score / other.Score;

    /// <summary>True when both are single cells whose throughput CIs overlap: the difference is not established.</summary>
    public bool TiedWith(RankedStrategy other) =>
        BestCells.Count == 1 && other.BestCells.Count == 1 &&
        BestCells[0].ItemsPerSecondCi is { } a && other.BestCells[0].ItemsPerSecondCi is { } b &&
        a.Low <= b.High && b.Low <= a.High;
}
