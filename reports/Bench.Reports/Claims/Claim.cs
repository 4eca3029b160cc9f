namespace Bench.Reports.Claims;

/// <summary>The verdicts a claim can carry (claims.json's <c>verdict</c>).</summary>
public static class ClaimVerdict
{
    /// <summary>One strategy is faster, significantly and beyond the threshold.</summary>
    public const string Win = "win";

    /// <summary>Not significant, or inside the threshold: the strategies in <c>winners</c> are equivalent.</summary>
    public const string Tie = "tie";

    /// <summary>The measurement agrees with the guide's claim (a tie that includes the guide's pick agrees).</summary>
    public const string Agrees = "agrees";

    /// <summary>The measurement contradicts the guide, significantly and beyond the threshold.</summary>
    public const string Contradicts = "contradicts";
}

/// <summary>
/// One claim the report makes, as data (report/claims.json): what it says, the cells it rests on, the
/// effect with its interval, and the verdict. <see cref="Id"/> is built from names only (category, row,
/// strategy, workload and parameters), never from a measured value, so runs of one matrix give the same ids.
/// </summary>
/// <param name="Effect">The ratio the verdict rests on (throughput, speedup); null for claims that count (lost updates).</param>
/// <param name="Interval">[lower, upper] of <paramref name="Effect"/>; null without an interval.</param>
/// <param name="Winners">The winning strategy, or the tied set, sorted ordinally.</param>
public sealed record Claim(
    string Id,
    string Statement,
    IReadOnlyList<string> Cells,
    double? Effect,
    IReadOnlyList<double>? Interval,
    string Verdict,
    IReadOnlyList<string> Winners)
{
    public static Claim Of(string id, string statement, IEnumerable<string> cells, RatioComparison? effect, string verdict, IEnumerable<string> winners) =>
        new(id, statement, cells.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            effect is null ? null : effect.Ratio,
            effect is { HasInterval: true } ? [effect.Lower, effect.Upper] : null,
            verdict,
            winners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
}
