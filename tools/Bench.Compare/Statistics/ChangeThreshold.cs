using Perfolizer.Horology;
using Perfolizer.Metrology;
using Pragmastat;

namespace Bench.Compare.Statistics;

/// <summary>
/// A threshold in Perfolizer's <see cref="Threshold"/> syntax — a percentage ("5%") or a time ("2ms",
/// "150us") — restricted to those two units, because a bare number has no meaning for a time series.
/// </summary>
public sealed class ChangeThreshold
{
    private ChangeThreshold(Threshold threshold, string text, bool isRelative)
    {
        Perfolizer = threshold;
        Text = text;
        IsRelative = isRelative;
    }

    /// <summary>The Perfolizer threshold handed to the Mann-Whitney test.</summary>
    public Threshold Perfolizer { get; }

    /// <summary>As the user wrote it: "5%", "2ms".</summary>
    public string Text { get; }

    /// <summary>A percentage (scales with the baseline) rather than a time.</summary>
    public bool IsRelative { get; }

    public static ChangeThreshold Parse(string text, string optionName) =>
        TryParse(text, out var threshold, out var error) ? threshold! : throw new ArgumentException($"{optionName} {error}");

    public static bool TryParse(string text, out ChangeThreshold? threshold, out string? error)
    {
        threshold = null;
        error = null;
        var trimmed = text.Trim();
        // Threshold.Unit throws in Perfolizer 0.6.1, so the unit comes from Perfolizer's measurement parser.
        if (!Threshold.TryParse(trimmed, out var parsed) || parsed is null ||
            !new PerfolizerMeasurementFormatter().TryParse(trimmed, out var measurement) ||
            measurement.Unit is not (PercentUnit or TimeUnit))
        {
            error = $"'{text}' is not a threshold; give a percentage like 5% or a time like 2ms";
            return false;
        }

        // Perfolizer reports a threshold as the (negative) shift it applies to a sample.
        if (parsed.EffectiveShift(new Sample([1.0], TimeUnit.Nanosecond)) > 0)
        {
            error = $"'{text}' is negative; a threshold is a size of change";
            return false;
        }

        threshold = new ChangeThreshold(parsed, trimmed, measurement.Unit is PercentUnit);
        return true;
    }

    /// <summary>
    /// The threshold as a fraction of the baseline (0.05 for 5%; 2ms over a 40ms median is 0.05), via
    /// Perfolizer's own <see cref="Threshold.EffectiveShift"/>, for comparisons with ratios.
    /// </summary>
    public double RelativeTo(Sample baseline, double baselineMedianNs)
    {
        if (IsRelative)
        {
            return Math.Abs(Perfolizer.EffectiveShift(new Sample([1.0], TimeUnit.Nanosecond)));
        }

        return baselineMedianNs > 0 ? Math.Abs(Perfolizer.EffectiveShift(baseline)) / baselineMedianNs : double.PositiveInfinity;
    }

    public override string ToString() => Text;
}
