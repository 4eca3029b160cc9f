using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Guide;

/// <summary>One line of the headline answer, e.g. "I/O-bound: use threadpool-async, 1.1× the throughput of threads …".</summary>
/// <param name="Cells">The cells the line's numbers come from (the headline cells, whose sample distributions are charted).</param>
public sealed record HeadlineLine(string Category, string Text, string? Winner, IReadOnlyList<CellView> Cells);

/// <summary>
/// The answer to the guide's question for this machine, per category, computed from throughput; it
/// names the guide's own pick (threads for I/O, processes for CPU) and says whether the data agree.
/// </summary>
public static class Headline
{
    public static IReadOnlyList<HeadlineLine> Compute(ReportData data)
    {
        var lines = new List<HeadlineLine>();
        foreach (var (category, guidePick) in GuideClaims.Recommendations)
        {
            var ranking = CategoryRanking.Of(data, category);
            var title = Categories.Title(category);
            if (ranking is null || ranking.Ranked.Count == 0)
            {
                lines.Add(new(category, $"{title}: no successful {title} cells in this run, so no answer.", null, []));
                continue;
            }

            lines.Add(Line(data.Strategies, ranking, title, guidePick));
        }

        return lines;
    }

    /// <param name="guidePick">The family the guide recommends for the category.</param>
    private static HeadlineLine Line(Strategies strategies, CategoryRanking ranking, string title, string guidePick)
    {
        var winner = ranking.Ranked[0];
        var where = ranking.Groups.Count == 1
            ? $"{ranking.Groups[0].Title}, each strategy at its best W"
            : $"geometric mean over {ranking.Groups.Count} workloads, each strategy at its best W";
        var cells = winner.BestCells.ToList();
        if (ranking.Ranked.Count == 1)
        {
            return new(ranking.Category, $"{title}: only {winner.Strategy} was measured ({Throughput(winner)}; {where}).", winner.Strategy, cells);
        }

        var runnerUp = ranking.Ranked[1];
        var slowest = ranking.Ranked[^1];
        cells.AddRange(runnerUp.BestCells);
        var text = winner.TiedWith(runnerUp)
            ? $"{title}: use {winner.Strategy} or {runnerUp.Strategy} — tied within their 99% confidence intervals ({Throughput(winner)} vs {Throughput(runnerUp)})"
            : $"{title}: use {winner.Strategy}, {Format.Times(winner.TimesThat(runnerUp))} the throughput of {runnerUp.Strategy} ({Throughput(winner)} vs {Throughput(runnerUp)})";
        if (slowest != runnerUp)
        {
            cells.AddRange(slowest.BestCells);
            text += $" and {Format.Times(winner.TimesThat(slowest))} that of {slowest.Strategy}, the slowest";
        }

        text += $"; {where}.";
        text += GuideVerdict(strategies, ranking, winner, guidePick);
        return new(ranking.Category, text, winner.Strategy, cells.Distinct().ToList());
    }

    private static string GuideVerdict(Strategies strategies, CategoryRanking ranking, RankedStrategy winner, string guidePick)
    {
        var pickFamily = StrategyFamily.Plural(guidePick);
        if (strategies.FamilyOf(winner.Strategy) == guidePick)
        {
            return $" The guide also says {pickFamily}.";
        }

        var bestOfPick = ranking.Ranked.FirstOrDefault(r => strategies.FamilyOf(r.Strategy) == guidePick);
        return bestOfPick is null
            ? $" The guide says {pickFamily}, which this run did not measure."
            : $" The guide says {pickFamily}: here the best of them, {bestOfPick.Strategy}, had {Format.Times(winner.TimesThat(bestOfPick))} less throughput than {winner.Strategy}.";
    }

    private static string Throughput(RankedStrategy strategy) =>
        strategy.BestCells.Count == 1
            ? $"{Format.Rate(strategy.BestCells[0].ItemsPerSecond)} items/s at W={strategy.BestCells[0].Workers}"
            : $"score {Format.Percent(strategy.Score)} of the best";
}
