using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Bench.Compare.Statistics;

/// <summary>
/// The test shared by every level of replication above the sample — launches within a run
/// (<see cref="LaunchAnalysis"/>) and runs within a baseline history (<see cref="RunAnalysis"/>). Each
/// replicate contributes one value, a log time; the change is the difference of the two sides' mean
/// log values, with a Student t interval from the pooled spread of replicates (df = replicates − 2). A side
/// with one replicate has no spread of its own: the other side's then stands for both (df = its
/// replicates − 1), which makes the interval a prediction interval for one new replicate.
/// The medians shown per side become the geometric means of the replicates' medians, so that the
/// change a reader sees is current median / baseline median.
/// </summary>
internal static class ReplicateTest
{
    /// <param name="baseline">One log time per baseline replicate.</param>
    /// <param name="current">One log time per current replicate.</param>
    /// <param name="sampleLevel">The sample-level analysis of the same cell: its counts and thresholds are kept.</param>
    public static ChangeStatistics Analyze(double[] baseline, double[] current, double alpha, ChangeStatistics sampleLevel)
    {
        var difference = current.Average() - baseline.Average();
        var degrees = baseline.Length + current.Length - 2;
        var pooledVariance = (SumOfSquares(baseline) + SumOfSquares(current)) / degrees;
        // Replicates that agree exactly (synthetic input) would give a zero error and an infinite t.
        var standardError = Math.Max(Math.Sqrt(pooledVariance * (1.0 / baseline.Length + 1.0 / current.Length)), 1e-12);
        var t = new StudentDistribution(degrees);

        // A 1 − 2·alpha interval, as the sample-level one: inside ± the threshold is TOST equivalence at alpha.
        var margin = t.Quantile(1 - alpha) * standardError;
        var (ratioLower, ratioUpper) = (Math.Exp(difference - margin), Math.Exp(difference + margin));

        // One-sided tests of a change beyond the noise threshold, on the log scale.
        var noise = Math.Log(1 + sampleLevel.NoiseFraction);
        var baselineMedian = Math.Exp(baseline.Average());
        var currentMedian = Math.Exp(current.Average());
        return sampleLevel with
        {
            BaselineMedianNs = baselineMedian,
            CurrentMedianNs = currentMedian,
            ShiftNs = currentMedian - baselineMedian,
            ShiftLowerNs = baselineMedian * (ratioLower - 1),
            ShiftUpperNs = baselineMedian * (ratioUpper - 1),
            Ratio = Math.Exp(difference),
            RatioLower = ratioLower,
            RatioUpper = ratioUpper,
            ConfidenceLevel = 1 - 2 * alpha,
            PSlower = 1 - t.Cdf((difference - noise) / standardError),
            PFaster = 1 - t.Cdf((-difference - noise) / standardError),
            SmallestPossibleP = 0, // a t statistic has no floor: the replicates' spread, not their count, limits the test
        };
    }

    /// <summary>The log of the median of one replicate's samples.</summary>
    public static double LogMedian(IReadOnlyList<double> samples)
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
