namespace Bench.Reports.Fit;

/// <summary>
/// The models fitted to one speedup curve (one workload, parameters and strategy) — each only where the
/// measured worker counts outnumber its parameters by at least <see cref="SurplusPoints"/>: Amdahl (one
/// parameter) from 3 worker counts, USL (two) from 4. With fewer, a model passes through its points
/// whatever they are, so its R² and its peak would say nothing; it is left out and <see cref="WhyNo"/> says why.
/// </summary>
/// <param name="Amdahl">Always fitted: a curve with too few points for it gets no <see cref="ScalabilityFit"/> at all.</param>
/// <param name="Usl">Null when the points do not carry it.</param>
/// <param name="Uncertainty">The parameters' bootstrap intervals over the cells' samples; null when not computed (points without samples).</param>
public sealed record ScalabilityFit(AmdahlFit Amdahl, UslFit? Usl, int PointCount, double MaxMeasuredWorkers, FitUncertainty? Uncertainty = null)
{
    public const int AmdahlParameters = 1;

    public const int UslParameters = 2;

    /// <summary>How many more points than parameters a model needs before it is fitted.</summary>
    public const int SurplusPoints = 2;

    /// <summary>The fewest distinct worker counts for any fit (Amdahl's).</summary>
    public const int MinimumWorkerCounts = AmdahlParameters + SurplusPoints;

    /// <summary>
    /// A model whose R² is below this explains less than half the spread of the measured speedups: its curve
    /// is not drawn, because it would show a trend the data does not have. (Amdahl cannot go below 1×, so a
    /// strategy that slows down with W gets s = 1, a flat line at 1× far from every point but W=1.)
    /// </summary>
    public const double MinimumRSquaredToDraw = 0.5;

    public bool DrawAmdahl => Amdahl.RSquared >= MinimumRSquaredToDraw;

    public bool DrawUsl => Usl is { } u && u.RSquared >= MinimumRSquaredToDraw;

    /// <summary>Why a model was not fitted, for the chart and the table; null when it was.</summary>
    public static string? WhyNo(string model, int parameters, int points) =>
        points >= parameters + SurplusPoints
            ? null
            : $"no {model} fit: {points} worker count{(points == 1 ? "" : "s")} for {parameters} parameter{(parameters == 1 ? "" : "s")} (needs {parameters + SurplusPoints})";

    public static ScalabilityFit? TryFit(IEnumerable<ScalingPoint> measured)
    {
        var points = Distinct(measured);
        if (points.Count < MinimumWorkerCounts)
        {
            return null;
        }

        return new ScalabilityFit(
            AmdahlFit.Fit(points),
            points.Count >= UslParameters + SurplusPoints ? UslFit.Fit(points) : null,
            points.Count,
            points[^1].Workers);
    }

    /// <summary>One point per W (the mean where a W repeats), in W order.</summary>
    public static IReadOnlyList<ScalingPoint> Distinct(IEnumerable<ScalingPoint> measured) =>
        measured.Where(p => p.Workers >= 1 && double.IsFinite(p.Speedup) && p.Speedup > 0)
            .GroupBy(p => p.Workers)
            .Select(g => new ScalingPoint(g.Key, g.Average(p => p.Speedup)))
            .OrderBy(p => p.Workers)
            .ToList();
}
