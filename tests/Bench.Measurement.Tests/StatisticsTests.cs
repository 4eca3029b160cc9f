using Bench.Harness.Statistics;
using Bench.Results;

namespace Bench.Measurement.Tests;

public class StatisticsTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void KnownSampleGivesKnownMedianMeanSpreadAndInterval()
    {
        var s = SampleStatistics.Compute(OneToTen)!;

        Assert.Equal(5.5, s.MedianNs, 9);
        Assert.Equal(5.5, s.MeanNs, 9);
        // Sample standard deviation of 1..10 is sqrt(55/6) = 3.02765; ÷ 5.5.
        Assert.Equal(Math.Sqrt(55.0 / 6) / 5.5, s.CoefficientOfVariation, 6);
        // Median of |x − 5.5| is 2.5; Perfolizer scales it to be normal-consistent (1.4826) and applies its
        // small-sample bias correction for n = 10, which gives 4.0617.
        Assert.True(s.MadNs > 2.5 * 1.4826, $"MAD {s.MadNs}");
        Assert.Equal(4.0617, s.MadNs, 3);
        Assert.Equal(0.99, s.CiLevel);
        Assert.Equal(10, s.SampleCount);
        Assert.True(s.CiLowerNs < s.MedianNs && s.MedianNs < s.CiUpperNs, $"CI [{s.CiLowerNs}, {s.CiUpperNs}] must contain 5.5");
        // Symmetric data: the Harrell-Davis estimate is 5.5 and its interval symmetric around it; at 99% with
        // ten samples the normal approximation reaches past the data and is clamped to its range.
        Assert.Equal(s.MedianNs - s.CiLowerNs, s.CiUpperNs - s.MedianNs, 6);
        Assert.Equal(1, s.CiLowerNs);
        Assert.Equal(10, s.CiUpperNs);
    }

    [Fact]
    public void NinetyNinePercentIntervalIsWiderThanTheDataSpreadSuggestsForFewSamplesAndNarrowsWithMore()
    {
        var few = SampleStatistics.Compute([.. OneToTen.Select(x => 100 + x)])!;
        var many = SampleStatistics.Compute([.. Enumerable.Range(0, 200).Select(i => 100 + (i % 10) + 1.0)])!;
        Assert.True(many.CiUpperNs - many.CiLowerNs < few.CiUpperNs - few.CiLowerNs);
    }

    [Fact]
    public void TightUnimodalSamplesCarryNoWarning()
    {
        var samples = Enumerable.Range(0, 30).Select(i => 1_000_000 + (i % 5) * 1_000.0).ToArray();
        var s = SampleStatistics.Compute(samples)!;
        Assert.True(s.CoefficientOfVariation < 0.05);
        Assert.True(s.MValue < 2.8, $"mvalue {s.MValue}");
        Assert.Empty(SampleStatistics.Warnings(s));
    }

    [Fact]
    public void NoisySamplesWarnAboutTheCoefficientOfVariation()
    {
        var s = SampleStatistics.Compute([100, 150, 90, 200, 120, 80, 170, 110])!;
        var warning = Assert.Single(SampleStatistics.Warnings(s), w => w.StartsWith("noisy:", StringComparison.Ordinal));
        Assert.Contains("5", warning);
    }

    [Fact]
    public void TwoModesGiveAHighMValueAndAMultimodalWarning()
    {
        var random = new Random(42);
        var samples = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? 1_000.0 : 3_000.0) + random.NextDouble() * 20).ToArray();
        var s = SampleStatistics.Compute(samples)!;
        Assert.True(s.MValue > 2.8, $"mvalue {s.MValue}");
        Assert.Contains(SampleStatistics.Warnings(s), w => w.StartsWith("multimodal:", StringComparison.Ordinal));
    }

    [Fact]
    public void ConstantSamplesAndSingleSamplesDoNotThrow()
    {
        var constant = SampleStatistics.Compute([5, 5, 5, 5])!;
        Assert.Equal(5, constant.MedianNs);
        Assert.Equal(0, constant.CoefficientOfVariation);
        var single = SampleStatistics.Compute([7])!;
        Assert.Equal(7, single.CiLowerNs);
        Assert.Null(SampleStatistics.Compute([]));
    }
}
