namespace Bench.Reports.Fit;

/// <summary>
/// Amdahl's law, S(W) = 1 / (s + (1 − s) / W), fitted by least squares on the speedups. The serial
/// fraction s bounds the speedup at 1/s however many workers are added.
/// </summary>
/// <param name="SerialFraction">s in [0, 1].</param>
/// <param name="RSquared">Goodness of fit on the speedups (1 is perfect; can be negative for a poor fit).</param>
public sealed record AmdahlFit(double SerialFraction, double RSquared)
{
    public double Predict(double workers) => 1 / (SerialFraction + (1 - SerialFraction) / workers);

    /// <summary>The speedup limit 1/s; infinite when nothing is serial.</summary>
    public double MaxSpeedup => SerialFraction <= 1e-9 ? double.PositiveInfinity : 1 / SerialFraction;

    public static AmdahlFit Fit(IReadOnlyList<ScalingPoint> points)
    {
        // One parameter on a bounded interval: a fine grid then golden-section refinement is exact enough
        // and cannot diverge, unlike a Newton step on noisy data.
        double Error(double s) => points.Sum(p =>
        {
            var predicted = 1 / (s + (1 - s) / p.Workers);
            return (predicted - p.Speedup) * (predicted - p.Speedup);
        });

        const int gridSteps = 200;
        var best = 0.0;
        var bestError = double.MaxValue;
        for (var i = 0; i <= gridSteps; i++)
        {
            var s = (double)i / gridSteps;
            var e = Error(s);
            if (e < bestError)
            {
                bestError = e;
                best = s;
            }
        }

        var low = Math.Max(0, best - 1.0 / gridSteps);
        var high = Math.Min(1, best + 1.0 / gridSteps);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var i = 0; i < 60; i++)
        {
            var a = high - ratio * (high - low);
            var b = low + ratio * (high - low);
            if (Error(a) < Error(b))
            {
                high = b;
            }
            else
            {
                low = a;
            }
        }

        var fitted = (low + high) / 2;
        if (Error(fitted) > bestError)
        {
            fitted = best;
        }

        var fit = new AmdahlFit(fitted, 0);
        return fit with { RSquared = Goodness.RSquared(points, fit.Predict) };
    }
}
