using Bench.Reports.Claims;
using Bench.Reports.Model;

namespace Bench.Reports.Guide;

/// <summary>
/// Strategies ranked by throughput within a category (I/O-bound, CPU-bound), and which of them the data
/// tell apart. Each strategy is scored by its best cell per workload group, as a fraction of the group's
/// best, combined by geometric mean so workloads with different item sizes weigh the same. The leader is
/// the best score; every other strategy is compared with it (<see cref="RatioComparison"/>), and those that
/// it does not beat significantly and beyond the threshold are <see cref="Tied"/> with it.
/// </summary>
public sealed class CategoryRanking
{
    private readonly Dictionary<string, RatioComparison> _versusLeader;

    private CategoryRanking(string category, IReadOnlyList<WorkloadGroup> groups, IReadOnlyList<RankedStrategy> ranked, ClaimOptions options)
    {
        Category = category;
        Groups = groups;
        Ranked = ranked;
        Options = options;
        _versusLeader = ranked.Skip(1).ToDictionary(r => r.Strategy, r => Compare(ranked[0], r), StringComparer.Ordinal);
        Tied = [ranked[0], .. ranked.Skip(1).Where(r => _versusLeader[r.Strategy].Tie)];
        Slower = ranked.Where(r => !Tied.Contains(r)).ToList();
    }

    public string Category { get; }

    public IReadOnlyList<WorkloadGroup> Groups { get; }

    /// <summary>Best score first.</summary>
    public IReadOnlyList<RankedStrategy> Ranked { get; }

    public ClaimOptions Options { get; }

    public RankedStrategy Leader => Ranked[0];

    /// <summary>The leader and every strategy it does not beat: one strategy when the leader wins outright.</summary>
    public IReadOnlyList<RankedStrategy> Tied { get; }

    /// <summary>The strategies the leader beats, in rank order.</summary>
    public IReadOnlyList<RankedStrategy> Slower { get; }

    public bool IsTie => Tied.Count > 1;

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
            ranked.Add(new RankedStrategy(strategy, score, bests.ToDictionary(x => x.Group.Index, x => x.Best!)));
        }

        // Equal scores (never in practice) rank by display order, so the leader does not depend on a sort's whim.
        return ranked.Count == 0 ? null : new CategoryRanking(category, groups, ranked.OrderByDescending(r => r.Score).ToList(), data.Options);
    }

    public RankedStrategy? Find(string strategy) => Ranked.FirstOrDefault(r => r.Strategy == strategy);

    /// <summary>The leader's throughput ÷ this strategy's (above 1: the leader is faster); the leader against itself is 1.</summary>
    public RatioComparison VersusLeader(RankedStrategy strategy) =>
        _versusLeader.TryGetValue(strategy.Strategy, out var comparison) ? comparison : RatioComparison.WithoutInterval(1, Options);

    /// <summary>
    /// <paramref name="first"/>'s throughput ÷ <paramref name="second"/>'s over the workloads both ran, each
    /// at its best W: per workload from the samples, combined by <see cref="RatioComparison.Combine"/>.
    /// </summary>
    public RatioComparison Compare(RankedStrategy first, RankedStrategy second)
    {
        var parts = first.BestByGroup.Where(g => second.BestByGroup.ContainsKey(g.Key))
            .Select(g => RatioComparison.Of(g.Value, second.BestByGroup[g.Key], Options))
            .ToList();
        return parts.Count == 0 ? RatioComparison.WithoutInterval(first.Score / second.Score, Options) : RatioComparison.Combine(parts, Options);
    }

    /// <summary>The cell keys the comparisons of this ranking rest on.</summary>
    public IEnumerable<string> CellKeys(IEnumerable<RankedStrategy> strategies) => strategies.SelectMany(s => s.BestCells).Select(c => c.Cell.Key);
}

/// <param name="Score">Geometric mean of (this strategy's best throughput ÷ the group's best), 1 for the fastest everywhere.</param>
/// <param name="BestByGroup">The strategy's best cell in each group it ran in, by <see cref="WorkloadGroup.Index"/>.</param>
public sealed record RankedStrategy(string Strategy, double Score, IReadOnlyDictionary<int, CellView> BestByGroup)
{
    public IReadOnlyList<CellView> BestCells => [.. BestByGroup.OrderBy(g => g.Key).Select(g => g.Value)];
}
