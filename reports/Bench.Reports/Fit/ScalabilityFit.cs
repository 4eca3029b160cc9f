namespace Bench.Reports.Fit;

/// <summary>Both models fitted to one speedup curve (one workload, parameters and strategy).</summary>
public sealed record ScalabilityFit(AmdahlFit Amdahl, UslFit Usl, int PointCount, double MaxMeasuredWorkers)
{
    /// <summary>A fit needs at least three distinct worker counts: two points fit either model exactly.</summary>
    public const int MinimumWorkerCounts = 3;

    /// <summary>
    /// A model whose R² is below this explains less than half the spread of the measured speedups: its curve
    /// is not drawn, because it would show a trend the data does not have. (Amdahl cannot go below 1×, so a
    /// strategy that slows down with W gets s = 1, a flat line at 1× far from every point but W=1.)
    /// </summary>
    public const double MinimumRSquaredToDraw = 0.5;

    public bool DrawAmdahl => Amdahl.RSquared >= MinimumRSquaredToDraw;

    public bool DrawUsl => Usl.RSquared >= MinimumRSquaredToDraw;

    public static ScalabilityFit? TryFit(IEnumerable<ScalingPoint> measured)
    {
        var points = measured.Where(p => p.Workers >= 1 && double.IsFinite(p.Speedup) && p.Speedup > 0)
            .GroupBy(p => p.Workers)
            .Select(g => new ScalingPoint(g.Key, g.Average(p => p.Speedup)))
            .OrderBy(p => p.Workers)
            .ToList();
        if (points.Count < MinimumWorkerCounts)
        {
            return null;
        }

        return new ScalabilityFit(AmdahlFit.Fit(points), UslFit.Fit(points), points.Count, points[^1].Workers);
    }
}
