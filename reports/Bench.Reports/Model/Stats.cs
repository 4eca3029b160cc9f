namespace Bench.Reports.Model;

/// <summary>The few plain statistics the report computes itself, when results.json lacks them.</summary>
public static class Stats
{
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Sample standard deviation ÷ mean; null below two samples.</summary>
    public static double? CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        if (mean <= 0)
        {
            return null;
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance) / mean;
    }

    /// <summary>Quantile by linear interpolation between order statistics (type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        var h = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    public static double GeometricMean(IEnumerable<double> values)
    {
        var list = values.Where(v => v > 0).ToList();
        return list.Count == 0 ? 0 : Math.Exp(list.Average(Math.Log));
    }
}
