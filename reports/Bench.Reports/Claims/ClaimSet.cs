using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Reports.Guide;
using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Claims;

/// <summary>
/// Every claim the report makes, gathered from the headline and the guide table (report/claims.json):
/// per category the answer (win or tie) and whether it agrees with the guide, every pair of strategies
/// (first ÷ second throughput, each at its best W), and the guide table's markers (execution, speed, race
/// conditions). Ids are names only — "headline/io-bound", "pair/cpu-bound/threads/processes",
/// "guide/speed/process-pool" — so two runs of
/// one matrix give the same ids and <c>tools/answer-stability.sh</c> can line them up.
/// </summary>
public static class ClaimSet
{
    public const string FileName = "claims.json";

    public static IReadOnlyList<Claim> Collect(ReportData data, IReadOnlyList<HeadlineLine> headline, GuideTable guide)
    {
        var claims = new List<Claim>();
        foreach (var line in headline)
        {
            var ranking = line.Category == Categories.IoBound ? guide.Io : line.Category == Categories.CpuBound ? guide.Cpu : null;
            if (ranking is null)
            {
                continue;
            }

            var all = ranking.CellKeys(ranking.Ranked).ToList();
            claims.Add(Claim.Of($"headline/{line.Category}", line.Text, all, line.Effect, ranking.IsTie ? ClaimVerdict.Tie : ClaimVerdict.Win, line.Winners));
            if (line.GuideAgrees is { } agrees)
            {
                claims.Add(Claim.Of(
                    $"guide/best-for/{line.Category}",
                    $"The guide says {StrategyFamily.Plural(line.GuidePick)} for {Categories.Title(line.Category)} work; " +
                    (agrees ? "the winners include one of them." : "the winners beat every one of them, significantly and beyond the threshold."),
                    all, line.Effect, agrees ? ClaimVerdict.Agrees : ClaimVerdict.Contradicts, line.Winners));
            }

            // One claim per pair of strategies, in display order, whoever leads: the ids are the matrix's, and each
            // claim rests on one comparison, so a borderline strategy moving in or out of the top set changes the
            // headline and its own pairs, not every claim of the category.
            var measured = guide.Strategies.Select(ranking.Find).OfType<RankedStrategy>().ToList();
            for (var i = 0; i < measured.Count; i++)
            {
                for (var j = i + 1; j < measured.Count; j++)
                {
                    claims.Add(PairClaim(ranking, measured[i], measured[j]));
                }
            }
        }

        claims.AddRange(GuideRowClaims(data, guide));
        return claims;
    }

    private static Claim PairClaim(CategoryRanking ranking, RankedStrategy first, RankedStrategy second)
    {
        var comparison = ranking.Compare(first, second);
        var title = Categories.Title(ranking.Category);
        var interval = comparison.IntervalText(ranking.Options);
        var (statement, winners) = comparison switch
        {
            { Win: true } => ($"{title}: {first.Strategy} has {Format.Times(comparison.Ratio)} the throughput of {second.Strategy} ({interval}).", new[] { first.Strategy }),
            { Loss: true } => ($"{title}: {second.Strategy} has {Format.Times(1 / comparison.Ratio)} the throughput of {first.Strategy} ({comparison.Inverse().IntervalText(ranking.Options)}).", [second.Strategy]),
            _ => ($"{title}: {first.Strategy} and {second.Strategy} are equivalent ({Format.Times(comparison.Ratio)}, {interval}; threshold ±{ranking.Options.ThresholdFraction * 100:0.#} %).", [first.Strategy, second.Strategy]),
        };
        return Claim.Of(
            $"pair/{ranking.Category}/{first.Strategy}/{second.Strategy}", statement, ranking.CellKeys([first, second]), comparison,
            comparison.Tie ? ClaimVerdict.Tie : ClaimVerdict.Win, winners);
    }

    /// <summary>The guide table's measured verdicts, one claim per strategy where the row makes one.</summary>
    private static IEnumerable<Claim> GuideRowClaims(ReportData data, GuideTable guide)
    {
        foreach (var strategy in guide.Strategies)
        {
            var family = guide.Strategies.FamilyOf(strategy);
            var cpu = data.OkCells.Where(c => c.Strategy == strategy && c.Cell.Category == Categories.CpuBound && c.Workers > 1 && c.SpeedupInterval is not null).ToList();
            if (guide.Strategies.IsThreadFamily(strategy) && !guide.Strategies.IsGil(strategy) && cpu.Count > 0)
            {
                var parallel = cpu.Where(guide.MoreThanOneCore).MaxBy(c => c.SpeedupInterval!.Value.Low);
                var shown = parallel ?? cpu.MaxBy(c => c.SpeedupInterval!.Value.Low)!;
                var effect = new RatioComparison(shown.SpeedupVsW1!.Value, shown.SpeedupInterval!.Value.Low, shown.SpeedupInterval.Value.High, parallel is not null, false);
                yield return Claim.Of(
                    $"guide/execution/{strategy}",
                    parallel is null
                        ? $"{strategy} showed no CPU-bound speedup over W=1 that is significant and beyond the threshold; the guide's single core is not contradicted here."
                        : $"{strategy} ran CPU-bound {shown.Workload} {Format.Times(shown.SpeedupVsW1)} faster at W={shown.Workers} than at W=1: more than the guide's single core.",
                    cpu.Select(c => c.Cell.Key), effect, parallel is null ? ClaimVerdict.Agrees : ClaimVerdict.Contradicts, [strategy]);
            }

            if (guide.Cpu is { Ranked.Count: > 1 } ranking && guide.Strategies.IsProcessFamily(strategy) && ranking.Find(strategy) is { } mine &&
                ranking.Ranked.FirstOrDefault(r => guide.Strategies.IsThreadFamily(r.Strategy)) is { } thread)
            {
                var comparison = ranking.Compare(thread, mine);
                yield return Claim.Of(
                    $"guide/speed/{strategy}",
                    comparison.Win
                        ? $"On CPU-bound work {thread.Strategy} is {Format.Times(comparison.Ratio)} faster than {strategy}: the guide says processes are faster."
                        : $"On CPU-bound work {thread.Strategy} does not beat {strategy} beyond the threshold ({Format.Times(comparison.Ratio)}, {comparison.IntervalText(ranking.Options)}).",
                    ranking.CellKeys([thread, mine]), comparison,
                    comparison.Win ? ClaimVerdict.Contradicts : ClaimVerdict.Agrees,
                    comparison.Win ? [thread.Strategy] : comparison.Loss ? [strategy] : [thread.Strategy, strategy]);
            }

            var counted = data.Cells.Where(c => c.Strategy == strategy && c.LostUpdates is not null && (c.IsOk || c.Cell.Status == CellStatus.Invalid)).ToList();
            if (counted.Count > 0 && family is not null)
            {
                // Counts are exact: no interval. Threads losing updates is what the guide warns of; processes losing any contradicts it.
                var lost = counted.Where(c => c.LostUpdates > 0).ToList();
                var process = guide.Strategies.IsProcessFamily(strategy);
                yield return Claim.Of(
                    $"guide/race/{strategy}",
                    lost.Count == 0
                        ? $"{strategy} lost no updates in {counted.Count} counter cells."
                        : $"{strategy} lost updates in {lost.Count} of {counted.Count} counter cells ({string.Join(", ", lost.Select(c => c.Cell.Key))}).",
                    counted.Select(c => c.Cell.Key), null,
                    process && lost.Count > 0 ? ClaimVerdict.Contradicts : ClaimVerdict.Agrees, [strategy]);
            }
        }
    }

    public static string Render(IReadOnlyList<Claim> claims, ClaimOptions options) =>
        JsonSerializer.Serialize(new ClaimsFile(options.Threshold.Text, options.Confidence, claims), JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>report/claims.json: the options the claims were decided with, then the claims.</summary>
    private sealed record ClaimsFile(string Threshold, double Confidence, IReadOnlyList<Claim> Claims);
}
