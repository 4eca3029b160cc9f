using Perfolizer.Horology;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Pragmastat;
using Pragmastat.Algorithms;
using Pragmastat.Estimators;

namespace Bench.Compare.Statistics;

/// <summary>
/// The statistics of one matched cell, all from the libraries: Pragmastat's Hodges-Lehmann
/// <see cref="ShiftEstimator"/> and <see cref="RatioEstimator"/>, Perfolizer's Mann-Whitney test with a
/// <c>Threshold</c>, and the classic distribution-free interval for the Hodges-Lehmann shift (Lehmann/Moses:
/// order statistics of the pairwise differences at ranks given by the Mann-Whitney distribution — the
/// interval R's <c>wilcox.test(conf.int = TRUE)</c> reports). Pragmastat 3.2.4's estimators give no
/// interval, so the ranks come from Perfolizer's exact Mann-Whitney CDF and the order statistics of the
/// pairwise differences from Pragmastat's <see cref="FastShift"/>; the ratio's interval is the same
/// construction on log-times.
/// </summary>
public static class ShiftAnalysis
{
    /// <summary>Above this many samples in all, the exact CDF is slow; Perfolizer's test switches to Edgeworth there too.</summary>
    private const int ExactCdfLimit = 60;

    public static ChangeStatistics Analyze(
        IReadOnlyList<double> baselineNs,
        IReadOnlyList<double> currentNs,
        double alpha,
        ChangeThreshold threshold,
        ChangeThreshold noise)
    {
        if (baselineNs.Count == 0 || currentNs.Count == 0)
        {
            throw new ArgumentException("both sides need samples");
        }

        var baseline = new Sample(baselineNs, TimeUnit.Nanosecond);
        var current = new Sample(currentNs, TimeUnit.Nanosecond);
        int n = current.Size, m = baseline.Size;

        var baselineMedian = MedianEstimator.Instance.Estimate(baseline).NominalValue;
        var currentMedian = MedianEstimator.Instance.Estimate(current).NominalValue;
        var shift = ShiftEstimator.Instance.Estimate(current, baseline).NominalValue;
        var ratio = RatioEstimator.Instance.Estimate(current, baseline).NominalValue;

        var cdf = Cdf(n, m);
        // A 1 − 2·alpha interval: lying inside ± the threshold is then the two one-sided tests (TOST) of
        // equivalence at level alpha, which is what a "same" verdict claims.
        var confidence = 1 - 2 * alpha;
        var (lowerRank, upperRank) = IntervalRanks(cdf, n, m, 1 - confidence);
        double shiftLower = double.NegativeInfinity, shiftUpper = double.PositiveInfinity, ratioLower = 0, ratioUpper = double.PositiveInfinity;
        if (lowerRank is not null)
        {
            // Type-7 quantiles over the n·m pairwise differences: rank k (1-based) is probability (k − 1)/(n·m − 1).
            var pairs = (double)n * m;
            double[] probabilities = [(lowerRank.Value - 1) / (pairs - 1), (upperRank!.Value - 1) / (pairs - 1)];
            var shiftBounds = FastShift.Estimate(current.Values, baseline.Values, probabilities, false);
            (shiftLower, shiftUpper) = (shiftBounds[0], shiftBounds[1]);
            var logBounds = FastShift.Estimate(current.Values.Select(v => Math.Log(v)).ToArray(), baseline.Values.Select(v => Math.Log(v)).ToArray(), probabilities, false);
            (ratioLower, ratioUpper) = (Math.Exp(logBounds[0]), Math.Exp(logBounds[1]));
        }

        // One-sided tests of a change beyond the noise threshold: x > y ⊕ noise (Perfolizer applies the threshold to y).
        var pSlower = (double)MannWhitneyTest.Instance.Perform(current, baseline, AlternativeHypothesis.Greater, noise.Perfolizer).PValue;
        var pFaster = (double)MannWhitneyTest.Instance.Perform(baseline, current, AlternativeHypothesis.Greater, noise.Perfolizer).PValue;

        // P(U ≥ n·m): the p-value of two samples that do not overlap at all — the best these counts can do.
        var smallestP = 1 - cdf.Cdf(n, m, n * m);

        return new ChangeStatistics(
            m, n, baselineMedian, currentMedian,
            shift, shiftLower, shiftUpper,
            ratio, ratioLower, ratioUpper,
            confidence, pSlower, pFaster, smallestP,
            threshold.RelativeTo(baseline, baselineMedian),
            noise.RelativeTo(baseline, baselineMedian));
    }

    private static IMannWhitneyCdf Cdf(int n, int m) =>
        n + m <= ExactCdfLimit ? MannWhitneyLoefflerExactCdf.Instance : MannWhitneyEdgeworthApproxCdf.Instance;

    /// <summary>
    /// The ranks (1-based, among the n·m sorted pairwise differences) that bound a two-sided interval with
    /// tails of alpha/2 each: the largest k with P(U ≤ k − 1) ≤ alpha/2, and n·m + 1 − k. Null when even k = 1 is too
    /// wide a tail: too few samples for an interval at this level.
    /// </summary>
    private static (int? Lower, int? Upper) IntervalRanks(IMannWhitneyCdf cdf, int n, int m, double alpha)
    {
        // Perfolizer's Cdf(n, m, u) is P(U < u), so P(U ≤ k − 1) = Cdf(n, m, k).
        var pairs = n * m;
        if (cdf.Cdf(n, m, 1) > alpha / 2)
        {
            return (null, null);
        }

        int low = 1, high = pairs / 2;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (cdf.Cdf(n, m, middle) <= alpha / 2)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return (low, pairs + 1 - low);
    }
}
