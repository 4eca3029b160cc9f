using Bench.Reports.Claims;
using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Guide;

/// <summary>One line of the headline answer, e.g. "I/O-bound: threads and threadpool are equivalent (within ±4 %); processes is 2.5× slower …".</summary>
/// <param name="Cells">The cells the line's numbers come from (the headline cells, whose sample distributions are charted).</param>
/// <param name="Winners">The winning strategy, or the tied set; empty when the category was not measured.</param>
/// <param name="GuideAgrees">Whether the guide's pick is among <paramref name="Winners"/>; null when the run measured none of the guide's family.</param>
public sealed record HeadlineLine(string Category, string Text, string? Winner, IReadOnlyList<CellView> Cells)
{
    public IReadOnlyList<string> Winners { get; init; } = [];

    /// <summary>The leader's comparison with the runner-up (the effect behind a win or a tie); null with one strategy.</summary>
    public RatioComparison? Effect { get; init; }

    public bool? GuideAgrees { get; init; }

    /// <summary>The family the guide recommends for the category.</summary>
    public string? GuidePick { get; init; }
}

/// <summary>
/// The answer to the guide's question for this machine, per category: the strategy that wins, or the
/// set that ties (<see cref="CategoryRanking.Tied"/>), and how much slower the rest are; it names the
/// guide's own pick (threads for I/O, processes for CPU) and says whether the data agree. A tie that
/// includes the guide's pick agrees with it; only a significant difference beyond the threshold contradicts.
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
            if (ranking is null)
            {
                lines.Add(new(category, $"{title}: no successful {title} cells in this run, so no answer.", null, []) { GuidePick = guidePick });
                continue;
            }

            lines.Add(Line(data.Strategies, ranking, title, guidePick));
        }

        return lines;
    }

    /// <param name="guidePick">The family the guide recommends for the category.</param>
    private static HeadlineLine Line(Strategies strategies, CategoryRanking ranking, string title, string guidePick)
    {
        var leader = ranking.Leader;
        var where = ranking.Groups.Count == 1
            ? $"{ranking.Groups[0].Title}, each strategy at its best W"
            : $"geometric mean over {ranking.Groups.Count} workloads, each strategy at its best W";
        var winners = ranking.Tied.Select(r => r.Strategy).ToList();
        var agrees = GuideAgrees(strategies, ranking, guidePick);
        if (ranking.Ranked.Count == 1)
        {
            return new(ranking.Category, $"{title}: only {leader.Strategy} was measured ({Throughput(leader)}; {where}).", leader.Strategy, leader.BestCells)
            {
                Winners = winners, GuideAgrees = agrees, GuidePick = guidePick,
            };
        }

        var options = ranking.Options;
        var runnerUp = ranking.Ranked[1];
        var effect = ranking.VersusLeader(runnerUp);
        string text;
        if (ranking.IsTie)
        {
            text = $"{title}: {Names(winners)} are {TieWording(ranking)}";
        }
        else
        {
            text = $"{title}: use {leader.Strategy}, {Format.Times(effect.Ratio)} the throughput of {runnerUp.Strategy} ({effect.IntervalText(options)}; {Throughput(leader)} vs {Throughput(runnerUp)})";
        }

        var slower = ranking.Slower.Where(r => ranking.IsTie || r != runnerUp).ToList();
        if (slower.Count > 0)
        {
            text += "; " + string.Join(", ", slower.Select(r => $"{r.Strategy} is {Format.Times(ranking.VersusLeader(r).Ratio)} slower"));
        }

        text += $" ({where}).";
        text += GuideVerdict(strategies, ranking, guidePick);
        var cells = ranking.Tied.Append(runnerUp).Concat(ranking.Ranked.Count > 2 ? [ranking.Ranked[^1]] : [])
            .SelectMany(r => r.BestCells).Distinct().ToList();
        return new(ranking.Category, text, ranking.IsTie ? null : leader.Strategy, cells)
        {
            Winners = winners, Effect = effect, GuideAgrees = agrees, GuidePick = guidePick,
        };
    }

    /// <summary>
    /// "equivalent (within ±4 %)" when every tied strategy's estimate lies inside the threshold; when
    /// one lies outside it but is not significant, the tie is the data's silence and is said so.
    /// </summary>
    public static string TieWording(CategoryRanking ranking)
    {
        var widest = ranking.Tied.Skip(1).Select(r => ranking.VersusLeader(r)).Max(c => Math.Abs(c.Ratio - 1));
        var percent = Math.Max(1, (int)Math.Ceiling(widest * 100 - 1e-9));
        return widest <= ranking.Options.ThresholdFraction
            ? $"equivalent (within ±{percent} %)"
            : $"not told apart (differences up to {percent} % are not significant at {ranking.Options.Confidence * 100:0.#}%)";
    }

    /// <summary>True when a strategy of the guide's family is among the winners; false when the winners beat every one of them; null when the run measured none.</summary>
    public static bool? GuideAgrees(Strategies strategies, CategoryRanking ranking, string guidePick)
    {
        if (!ranking.Ranked.Any(r => strategies.FamilyOf(r.Strategy) == guidePick))
        {
            return null;
        }

        return ranking.Tied.Any(r => strategies.FamilyOf(r.Strategy) == guidePick);
    }

    private static string GuideVerdict(Strategies strategies, CategoryRanking ranking, string guidePick)
    {
        var pickFamily = StrategyFamily.Plural(guidePick);
        var bestOfPick = ranking.Ranked.FirstOrDefault(r => strategies.FamilyOf(r.Strategy) == guidePick);
        if (bestOfPick is null)
        {
            return $" The guide says {pickFamily}, which this run did not measure.";
        }

        if (ranking.Tied.Contains(bestOfPick))
        {
            var others = ranking.Tied.Where(r => strategies.FamilyOf(r.Strategy) != guidePick).Select(r => r.Strategy).ToList();
            return others.Count == 0
                ? $" The guide also says {pickFamily}."
                : $" The guide says {pickFamily}: here they tie with {Names(others)}.";
        }

        var effect = ranking.VersusLeader(bestOfPick);
        return $" The guide says {pickFamily}: here the best of them, {bestOfPick.Strategy}, had {Format.Times(effect.Ratio)} less throughput than {ranking.Leader.Strategy} ({effect.IntervalText(ranking.Options)}).";
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Names(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private static string Throughput(RankedStrategy strategy) =>
        strategy.BestCells.Count == 1
            ? $"{Format.Rate(strategy.BestCells[0].ItemsPerSecond)} items/s at W={strategy.BestCells[0].Workers}"
            : $"score {Format.Percent(strategy.Score)} of the best";
}
