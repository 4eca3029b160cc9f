using Bench.Compare.Statistics;
using Bench.Reports.Model;

namespace Bench.Reports.Claims;

/// <summary>
/// How many times one side's throughput is the other's, with its confidence interval, and what that
/// allows the report to say. <see cref="Win"/> needs both: the interval excludes 1 (significant) and the
/// estimate lies beyond the practical threshold. Anything else is a tie — the report says "equivalent",
/// never a winner.
/// </summary>
/// <param name="Ratio">Hodges-Lehmann estimate of first ÷ second throughput (above 1: the first is faster).</param>
/// <param name="Lower">Lower bound of the interval (0 when there are too few samples for one).</param>
/// <param name="Upper">Upper bound (+∞ when there are too few samples).</param>
/// <param name="Win">True when the first is faster, significantly and beyond the threshold.</param>
/// <param name="Loss">True when the second is faster, significantly and beyond the threshold.</param>
public sealed record RatioComparison(double Ratio, double Lower, double Upper, bool Win, bool Loss)
{
    public bool Tie => !Win && !Loss;

    public bool HasInterval => Lower > 0 && double.IsFinite(Upper);

    /// <summary>
    /// Throughput of <paramref name="first"/> ÷ that of <paramref name="second"/>, from their samples as
    /// time per item (so cells with different batch sizes compare), by <see cref="ShiftAnalysis"/> — the
    /// same statistics <c>bench compare</c> decides with. Without samples on a side: the medians' ratio and no interval.
    /// </summary>
    public static RatioComparison Of(CellView first, CellView second, ClaimOptions options)
    {
        if (first.Samples.Count == 0 || second.Samples.Count == 0 || first.Cell.Items <= 0 || second.Cell.Items <= 0)
        {
            return WithoutInterval(first.ItemsPerSecond is { } a && second.ItemsPerSecond is { } b && b > 0 ? a / b : 1, options);
        }

        return OfTimes(
            first.Samples.Select(s => s / first.Cell.Items).ToArray(),
            second.Samples.Select(s => s / second.Cell.Items).ToArray(),
            options);
    }

    /// <summary>
    /// Time of <paramref name="slowerTimes"/> ÷ time of <paramref name="fasterTimes"/> — that is, the
    /// throughput ratio first ÷ second when the first side's times are <paramref name="fasterTimes"/>; also
    /// a speedup when the first side is the parallel cell and the second W=1.
    /// </summary>
    public static RatioComparison OfTimes(IReadOnlyList<double> fasterTimes, IReadOnlyList<double> slowerTimes, ClaimOptions options)
    {
        // alpha of ShiftAnalysis is per tail: its interval is 1 − 2·alpha.
        var alpha = (1 - options.Confidence) / 2;
        var statistics = ShiftAnalysis.Analyze(fasterTimes, slowerTimes, alpha, options.Threshold, options.Threshold);
        return Decide(statistics.Ratio, statistics.RatioLower, statistics.RatioUpper, options);
    }

    /// <summary>
    /// Several comparisons as one (a category over its workloads): the geometric mean of the ratios, and
    /// of each bound. The bounds' mean is wider than the interval of the mean of independent ratios, so
    /// the combined interval errs towards a tie. One side without an interval leaves the whole without one.
    /// </summary>
    public static RatioComparison Combine(IReadOnlyList<RatioComparison> parts, ClaimOptions options)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var ratio = Stats.GeometricMean(parts.Select(p => p.Ratio));
        return parts.All(p => p.HasInterval)
            ? Decide(ratio, Stats.GeometricMean(parts.Select(p => p.Lower)), Stats.GeometricMean(parts.Select(p => p.Upper)), options)
            : WithoutInterval(ratio, options);
    }

    /// <summary>A ratio known only as a point (no samples behind it): never significant, so a tie.</summary>
    public static RatioComparison WithoutInterval(double ratio, ClaimOptions options) => Decide(ratio, 0, double.PositiveInfinity, options);

    /// <summary>The same comparison seen from the other side.</summary>
    public RatioComparison Inverse() =>
        new(1 / Ratio, Upper > 0 && double.IsFinite(Upper) ? 1 / Upper : 0, Lower > 0 ? 1 / Lower : double.PositiveInfinity, Loss, Win);

    private static RatioComparison Decide(double ratio, double lower, double upper, ClaimOptions options)
    {
        var threshold = options.ThresholdFraction;
        var win = lower > 1 && ratio > 1 + threshold;
        var loss = upper < 1 && 1 / ratio > 1 + threshold;
        return new RatioComparison(ratio, lower, upper, win, loss);
    }

    /// <summary>"95% CI 1.2–1.6×", or "no interval: too few samples".</summary>
    public string IntervalText(ClaimOptions options) =>
        HasInterval
            ? $"{options.Confidence * 100:0.#}% CI {Format.Significant(Lower)}–{Format.Significant(Upper)}×"
            : "no interval: too few samples";
}
