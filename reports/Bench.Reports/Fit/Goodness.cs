namespace Bench.Reports.Fit;

internal static class Goodness
{
    /// <summary>Coefficient of determination of a model's predictions of the speedups.</summary>
    public static double RSquared(IReadOnlyList<ScalingPoint> points, Func<double, double> predict)
    {
        var mean = points.Average(p => p.Speedup);
        var total = points.Sum(p => (p.Speedup - mean) * (p.Speedup - mean));
        var residual = points.Sum(p => Math.Pow(p.Speedup - predict(p.Workers), 2));
        return total <= 1e-12 ? (residual <= 1e-12 ? 1 : 0) : 1 - residual / total;
    }
}
