using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Bench.Compare.Statistics;

/// <summary>
/// The comparison of a cell measured by <c>bench ab</c>: A and B launched back to back in each round, so
/// both launches of a round met the same host regime. The unit is the round: its value is the log ratio
/// B/A of the two launches' medians, and a regime that slows both launches of a round cancels in it
/// (a difference of means between unpaired launches would keep it as spread). The change is the mean log
/// ratio; its 1 − 2·alpha interval is Student t with df = rounds − 1. The p-values test a change beyond
/// the noise threshold in each direction: t on the log ratios, or, where the rounds let an exact Wilcoxon
/// signed-rank test reach a family-adjusted alpha (<see cref="WilcoxonMinimumRounds"/>), that test, which
/// a single round caught by a regime switch between its two launches cannot sway as it sways a mean.
/// </summary>
public static class PairedAnalysis
{
    /// <summary>The fewest paired rounds with a spread between them.</summary>
    public const int MinimumRounds = 2;

    /// <summary>From this many rounds the signed-rank test replaces t: its smallest one-sided p, 2^-12 ≈ 0.00024,
    /// passes alpha 0.01 adjusted over the CI matrix's 18 cells (0.00056) for a single changed cell.</summary>
    public const int WilcoxonMinimumRounds = 12;

    /// <param name="a">A's samples per launch, by round.</param>
    /// <param name="b">B's samples per launch, by round.</param>
    /// <param name="sampleLevel">The sample-level analysis of the same cell: its counts and thresholds are kept.</param>
    /// <returns>Null when fewer than <see cref="MinimumRounds"/> rounds have a launch on both sides.</returns>
    public static ChangeStatistics? Analyze(
        IReadOnlyDictionary<int, IReadOnlyList<double>> a,
        IReadOnlyDictionary<int, IReadOnlyList<double>> b,
        double alpha,
        ChangeStatistics sampleLevel)
    {
        var rounds = a.Keys.Intersect(b.Keys).Where(r => a[r].Count > 0 && b[r].Count > 0).Order().ToList();
        if (rounds.Count < MinimumRounds)
        {
            return null;
        }

        var logA = rounds.Select(r => ReplicateTest.LogMedian(a[r])).ToArray();
        var logB = rounds.Select(r => ReplicateTest.LogMedian(b[r])).ToArray();
        var ratios = logB.Zip(logA, (x, y) => x - y).ToArray();
        var n = ratios.Length;
        var mean = ratios.Average();
        var variance = ratios.Sum(d => (d - mean) * (d - mean)) / (n - 1);
        // Rounds that agree exactly (synthetic input) would give a zero error and an infinite t.
        var standardError = Math.Max(Math.Sqrt(variance / n), 1e-12);
        var t = new StudentDistribution(n - 1);
        var margin = t.Quantile(1 - alpha) * standardError;
        var noise = Math.Log(1 + sampleLevel.NoiseFraction);

        double pSlower, pFaster;
        string test;
        if (n >= WilcoxonMinimumRounds)
        {
            pSlower = SignedRankTest.GreaterP(ratios.Select(d => d - noise).ToArray());
            pFaster = SignedRankTest.GreaterP(ratios.Select(d => -d - noise).ToArray());
            test = "wilcoxon";
        }
        else
        {
            pSlower = 1 - t.Cdf((mean - noise) / standardError);
            pFaster = 1 - t.Cdf((-mean - noise) / standardError);
            test = "t";
        }

        var medianA = Math.Exp(logA.Average());
        var medianB = Math.Exp(logB.Average());
        var ratio = Math.Exp(mean);
        var (ratioLower, ratioUpper) = (Math.Exp(mean - margin), Math.Exp(mean + margin));
        return sampleLevel with
        {
            BaselineMedianNs = medianA,
            CurrentMedianNs = medianB,
            ShiftNs = medianA * (ratio - 1),
            ShiftLowerNs = medianA * (ratioLower - 1),
            ShiftUpperNs = medianA * (ratioUpper - 1),
            Ratio = ratio,
            RatioLower = ratioLower,
            RatioUpper = ratioUpper,
            ConfidenceLevel = 1 - 2 * alpha,
            PSlower = pSlower,
            PFaster = pFaster,
            SmallestPossibleP = test == "wilcoxon" ? Math.Pow(0.5, n) : 0,
            Rounds = n,
            PairedTest = test,
        };
    }
}
