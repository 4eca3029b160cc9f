namespace Bench.Reports.Fit;

/// <summary>Both models fitted to one speedup curve (one workload, parameters and strategy).</summary>
public sealed record ScalabilityFit(AmdahlFit Amdahl, UslFit Usl, int PointCount, double MaxMeasuredWorkers)
{
    /// <summary>A fit needs at least three distinct worker counts: two points fit either model exactly.</summary>
    public const int MinimumWorkerCounts = 3;

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
