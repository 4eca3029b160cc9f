using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Bench.Compare.Statistics;

/// <summary>
/// The comparison of a cell measured in several launches (cell processes a whole pass over the matrix
/// apart), with the launch as the unit of replication. Samples of one launch share the machine's state
/// of that moment — on a shared host a speed regime that lasts seconds — so they are not independent
/// draws, and a test over samples mistakes two tight runs in different regimes for a change (docs/compare.md#run-to-run-noise).
/// Here each launch contributes one value, the log of its median sample; the change is the difference
/// of the two sides' mean log-medians, with a Student t interval from the pooled spread between launches
/// (df = launches − 2). A side with one launch counts as one launch: the other side's spread then
/// stands for both (df = its launches − 1). The Hodges-Lehmann shift over all samples is kept as the
/// point estimate in nanoseconds; ratio, interval and p-values come from the launches.
/// </summary>
public static class LaunchAnalysis
{
    /// <summary>True when the launches support a launch-level test: two or more launches on a side, three in all.</summary>
    public static bool Applies(IReadOnlyList<IReadOnlyList<double>> baseline, IReadOnlyList<IReadOnlyList<double>> current) =>
        (baseline.Count >= 2 || current.Count >= 2) && baseline.Count + current.Count >= 3 && baseline.Concat(current).All(l => l.Count > 0);

    /// <param name="sampleLevel">The sample-level analysis of the same cell: its medians and shift are kept.</param>
    public static ChangeStatistics Analyze(
        IReadOnlyList<IReadOnlyList<double>> baseline,
        IReadOnlyList<IReadOnlyList<double>> current,
        double alpha,
        ChangeStatistics sampleLevel)
    {
        if (!Applies(baseline, current))
        {
            throw new ArgumentException("a launch-level comparison needs two or more launches on a side and three in all");
        }

        var b = baseline.Select(LogMedian).ToArray();
        var c = current.Select(LogMedian).ToArray();
        var difference = c.Average() - b.Average();
        var degrees = b.Length + c.Length - 2;
        var pooledVariance = (SumOfSquares(b) + SumOfSquares(c)) / degrees;
        // Launches that agree exactly (synthetic input) would give a zero error and an infinite t.
        var standardError = Math.Max(Math.Sqrt(pooledVariance * (1.0 / b.Length + 1.0 / c.Length)), 1e-12);
        var t = new StudentDistribution(degrees);

        // A 1 − 2·alpha interval, as the sample-level one: inside ± the threshold is TOST equivalence at alpha.
        var confidence = 1 - 2 * alpha;
        var margin = t.Quantile(1 - alpha) * standardError;
        var ratio = Math.Exp(difference);
        var (ratioLower, ratioUpper) = (Math.Exp(difference - margin), Math.Exp(difference + margin));

        // One-sided tests of a change beyond the noise threshold, on the log scale.
        var noise = Math.Log(1 + sampleLevel.NoiseFraction);
        var pSlower = 1 - t.Cdf((difference - noise) / standardError);
        var pFaster = 1 - t.Cdf((-difference - noise) / standardError);

        var baselineMedian = sampleLevel.BaselineMedianNs;
        return sampleLevel with
        {
            ShiftLowerNs = baselineMedian * (ratioLower - 1),
            ShiftUpperNs = baselineMedian * (ratioUpper - 1),
            Ratio = ratio,
            RatioLower = ratioLower,
            RatioUpper = ratioUpper,
            ConfidenceLevel = confidence,
            PSlower = pSlower,
            PFaster = pFaster,
            SmallestPossibleP = 0, // a t statistic has no floor: the launches' spread, not their count, limits the test
            BaselineLaunches = b.Length,
            CurrentLaunches = c.Length,
        };
    }

    private static double LogMedian(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Log(median);
    }

    private static double SumOfSquares(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }
}
