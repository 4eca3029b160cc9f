using Bench.Reports.Fit;
using Xunit;

namespace Bench.Reports.Tests;

public class FitTests
{
    private static readonly double[] Workers = [1, 2, 4, 8, 16];

    [Fact]
    public void Amdahl_recovers_the_serial_fraction_of_an_exact_curve()
    {
        var points = Workers.Select(w => new ScalingPoint(w, 1 / (0.1 + 0.9 / w))).ToList();
        var fit = AmdahlFit.Fit(points);
        Assert.Equal(0.1, fit.SerialFraction, 4);
        Assert.Equal(10, fit.MaxSpeedup, 2);
        Assert.True(fit.RSquared > 0.9999);
    }

    [Fact]
    public void Usl_recovers_contention_and_coherency_and_predicts_the_peak()
    {
        const double sigma = 0.05, kappa = 0.002;
        var points = Workers.Select(w => new ScalingPoint(w, w / (1 + sigma * (w - 1) + kappa * w * (w - 1)))).ToList();
        var fit = UslFit.Fit(points);
        Assert.Equal(sigma, fit.Sigma, 5);
        Assert.Equal(kappa, fit.Kappa, 6);
        Assert.Equal(Math.Sqrt((1 - sigma) / kappa), fit.PeakWorkers, 3);
    }

    [Fact]
    public void A_fit_that_does_not_describe_the_points_is_not_drawn()
    {
        // Slower with more workers (square on 2 cores: 1, 0.43, 0.94): Amdahl cannot go below 1× and settles
        // on s = 1, a flat line at 1×; its R² is negative, so the chart leaves it out.
        var slowdown = ScalabilityFit.TryFit([new ScalingPoint(1, 1), new ScalingPoint(2, 0.43), new ScalingPoint(4, 0.94)])!;
        Assert.True(slowdown.Amdahl.RSquared < ScalabilityFit.MinimumRSquaredToDraw);
        Assert.False(slowdown.DrawAmdahl);

        var linear = ScalabilityFit.TryFit(Workers.Select(w => new ScalingPoint(w, w * 0.95 + 0.05)))!;
        Assert.True(linear.DrawAmdahl);
        Assert.True(linear.DrawUsl);
    }

    [Fact]
    public void Linear_scaling_has_no_serial_fraction_and_no_peak()
    {
        var points = Workers.Select(w => new ScalingPoint(w, w)).ToList();
        var fit = ScalabilityFit.TryFit(points)!;
        Assert.Equal(0, fit.Amdahl.SerialFraction, 4);
        Assert.True(double.IsPositiveInfinity(fit.Usl!.PeakWorkers));
    }

    [Fact]
    public void Super_linear_points_keep_the_usl_parameters_non_negative()
    {
        var points = new[] { new ScalingPoint(1, 1), new ScalingPoint(2, 2.3), new ScalingPoint(4, 4.9) };
        var fit = UslFit.Fit(points);
        Assert.True(fit.Sigma >= 0 && fit.Kappa >= 0);
    }

    [Fact]
    public void Usl_is_fitted_only_where_the_worker_counts_outnumber_its_two_parameters_by_two()
    {
        // Three points: USL's two parameters would pass through them whatever they are (R² 1 for free).
        var three = ScalabilityFit.TryFit([new(1, 1), new(2, 1.8), new(4, 2.9)])!;
        Assert.NotNull(three.Amdahl);
        Assert.Null(three.Usl);
        Assert.False(three.DrawUsl);
        Assert.Equal("no USL fit: 3 worker counts for 2 parameters (needs 4)", ScalabilityFit.WhyNo("USL", ScalabilityFit.UslParameters, 3));

        var four = ScalabilityFit.TryFit([new(1, 1), new(2, 1.8), new(4, 2.9), new(8, 3.5)])!;
        Assert.NotNull(four.Usl);
    }

    [Fact]
    public void The_bootstrap_interval_of_the_serial_fraction_contains_the_true_value_and_is_reproducible()
    {
        // s = 0.2 with ±3 % noise on every sample.
        var random = new Random(7);
        IReadOnlyList<double> Samples(double median) => Enumerable.Range(0, 15).Select(_ => median * (1 + 0.03 * (2 * random.NextDouble() - 1))).ToList();
        var w1 = Samples(100);
        var cells = new[] { 2, 4, 8 }.Select(w => (w, Samples(100 * (0.2 + 0.8 / w)))).ToList();

        var first = FitUncertainty.Estimate(w1, cells, usl: true, 0.95, seed: 1)!;
        var again = FitUncertainty.Estimate(w1, cells, usl: true, 0.95, seed: 1)!;
        Assert.InRange(0.2, first.SerialFraction!.Value.Low, first.SerialFraction.Value.High);
        Assert.True(first.SerialFraction.Value.High - first.SerialFraction.Value.Low < 0.1);
        Assert.Equal(first, again);
        Assert.NotNull(first.PeakWorkers);
    }

    [Fact]
    public void A_curve_with_fewer_than_three_worker_counts_is_not_fitted()
    {
        Assert.Null(ScalabilityFit.TryFit([new(1, 1), new(2, 1.8), new(2, 1.9)]));
    }
}
