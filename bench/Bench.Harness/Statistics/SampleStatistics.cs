using System.Globalization;
using Bench.Results;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Multimodality;
using Perfolizer.Mathematics.QuantileEstimators;
using Perfolizer.Mathematics.ScaleEstimators;
using Pragmastat;

namespace Bench.Harness.Statistics;

/// <summary>
/// The statistics of a cell's samples, all from Perfolizer (no hand-rolled estimators): the sample
/// median, a 99% confidence interval of the median (Harrell-Davis quantile estimator with its
/// Maritz-Jarrett standard error), the median absolute deviation (Perfolizer's, scaled to be
/// consistent with the standard deviation of a normal distribution), the coefficient of variation
/// (standard deviation ÷ mean) and the mvalue (multimodality: ≈ 2 unimodal, &gt; 2.8 suspicious).
/// </summary>
public static class SampleStatistics
{
    public const double CiLevel = 0.99;
    public const double NoisyCoefficientOfVariation = 0.05;
    public const double MultimodalMValue = 2.8;

    /// <summary>Warnings this class writes start with these words, so a merge can recompute them.</summary>
    public static readonly string[] WarningPrefixes = ["noisy:", "multimodal:"];

    /// <summary>The sample median (Perfolizer's simple quantile estimator), NaN for no samples.</summary>
    public static double Median(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : SimpleQuantileEstimator.Instance.Quantile(new Sample([.. values]), Probability.Median).NominalValue;

    /// <summary>Statistics of <paramref name="samplesNs"/>, or null when there are none.</summary>
    public static CellStatistics? Compute(IReadOnlyList<double> samplesNs)
    {
        if (samplesNs.Count == 0)
        {
            return null;
        }

        var sample = new Sample([.. samplesNs]);
        var median = Median(samplesNs);
        var moments = Moments.Create(sample);
        double lower = median, upper = median, mad = 0, mValue = double.NaN;
        if (samplesNs.Count >= 2 && samplesNs.Max() > samplesNs.Min())
        {
            var interval = HarrellDavisQuantileEstimator.Instance
                .QuantileConfidenceIntervalEstimator(sample, Probability.Median)
                .ConfidenceInterval(ConfidenceLevel.L99);
            // The interval rests on a normal approximation of the estimator; with few, spread samples it can
            // reach past the data (even below zero). No quantile lies outside the sample's range: clamp to it.
            lower = Math.Max(interval.Lower, samplesNs.Min());
            upper = Math.Min(interval.Upper, samplesNs.Max());
            mad = MedianAbsoluteDeviationEstimator.Simple.Mad(sample);
            mValue = MValueCalculator.Calculate(samplesNs.ToArray());
        }

        return new CellStatistics
        {
            MedianNs = median,
            MeanNs = moments.Mean,
            MadNs = mad,
            CoefficientOfVariation = moments.Mean > 0 && samplesNs.Count >= 2 ? moments.StandardDeviation / moments.Mean : 0,
            CiLowerNs = lower,
            CiUpperNs = upper,
            CiLevel = CiLevel,
            MValue = mValue,
            SampleCount = samplesNs.Count,
        };
    }

    /// <summary>The warnings a performance engineer must see before trusting the median.</summary>
    public static IReadOnlyList<string> Warnings(CellStatistics statistics)
    {
        var warnings = new List<string>();
        if (statistics.CoefficientOfVariation > NoisyCoefficientOfVariation)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"noisy: coefficient of variation {statistics.CoefficientOfVariation:P1} exceeds {NoisyCoefficientOfVariation:P0}"));
        }

        if (statistics.MValue > MultimodalMValue)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"multimodal: mvalue {statistics.MValue:F2} exceeds {MultimodalMValue:F1}; the samples may form several modes"));
        }

        return warnings;
    }
}
