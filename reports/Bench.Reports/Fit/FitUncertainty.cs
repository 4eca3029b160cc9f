namespace Bench.Reports.Fit;

/// <summary>A percentile interval from the bootstrap; <see cref="double.PositiveInfinity"/> stands for "unbounded".</summary>
public readonly record struct FitInterval(double Low, double High);

/// <summary>
/// How far the fitted parameters move when the samples behind the speedups are drawn again: a percentile
/// bootstrap over each cell's samples (W=1's and every W's, independently), refitting both models per
/// replicate. Null members: the model was not fitted.
/// </summary>
public sealed record FitUncertainty(double Level, FitInterval? SerialFraction, FitInterval? Sigma, FitInterval? Kappa, FitInterval? PeakWorkers)
{
    public const int Replicates = 200;

    /// <param name="w1">The W=1 cell's samples.</param>
    /// <param name="cells">Each other W's samples.</param>
    /// <param name="seed">Fixed per curve, so one results.json always renders the same intervals.</param>
    public static FitUncertainty? Estimate(IReadOnlyList<double> w1, IReadOnlyList<(int Workers, IReadOnlyList<double> Samples)> cells, bool usl, double level, int seed)
    {
        if (w1.Count < 2 || cells.Any(c => c.Samples.Count < 2))
        {
            return null;
        }

        var random = new Random(seed);
        var serial = new List<double>(Replicates);
        var sigma = new List<double>(Replicates);
        var kappa = new List<double>(Replicates);
        var peak = new List<double>(Replicates);
        for (var r = 0; r < Replicates; r++)
        {
            var baseline = ResampledMedian(w1, random);
            var points = cells.Select(c => new ScalingPoint(c.Workers, baseline / ResampledMedian(c.Samples, random))).Prepend(new ScalingPoint(1, 1)).ToList();
            serial.Add(AmdahlFit.Fit(points).SerialFraction);
            if (usl)
            {
                var fit = UslFit.Fit(points);
                sigma.Add(fit.Sigma);
                kappa.Add(fit.Kappa);
                peak.Add(fit.PeakWorkers);
            }
        }

        var tail = (1 - level) / 2;
        return new FitUncertainty(level, Percentiles(serial, tail), usl ? Percentiles(sigma, tail) : null, usl ? Percentiles(kappa, tail) : null, usl ? Percentiles(peak, tail) : null);
    }

    private static double ResampledMedian(IReadOnlyList<double> samples, Random random)
    {
        var drawn = new double[samples.Count];
        for (var i = 0; i < drawn.Length; i++)
        {
            drawn[i] = samples[random.Next(samples.Count)];
        }

        Array.Sort(drawn);
        var middle = drawn.Length / 2;
        return drawn.Length % 2 == 1 ? drawn[middle] : (drawn[middle - 1] + drawn[middle]) / 2;
    }

    // Order statistics, not interpolation: an infinite peak (no coherency cost) must stay infinite.
    private static FitInterval Percentiles(List<double> values, double tail)
    {
        values.Sort();
        var low = values[(int)Math.Floor(tail * (values.Count - 1))];
        var high = values[(int)Math.Ceiling((1 - tail) * (values.Count - 1))];
        return new FitInterval(low, high);
    }
}
