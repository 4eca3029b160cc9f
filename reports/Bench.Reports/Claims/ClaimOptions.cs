using Bench.Compare.Statistics;
using Perfolizer.Horology;
using Pragmastat;

namespace Bench.Reports.Claims;

/// <summary>
/// How the report decides a claim: the practical threshold (a difference smaller than this is a tie
/// however significant) and the level of the ratio's confidence interval (a difference whose interval
/// reaches 1 is a tie however large).
/// </summary>
public sealed record ClaimOptions
{
    /// <summary>The default of <c>--threshold</c> on <c>bench report</c> and <c>bench run</c>.</summary>
    public const string DefaultThreshold = "10%";

    public static ClaimOptions Default { get; } = new();

    /// <summary>The practical threshold, a percentage.</summary>
    public ChangeThreshold Threshold { get; init; } = ChangeThreshold.Parse(DefaultThreshold, "--threshold");

    /// <summary>Two-sided level of every interval the report quotes.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The threshold as a fraction (0.1 for 10%).</summary>
    public double ThresholdFraction => Threshold.RelativeTo(new Sample([1.0], TimeUnit.Nanosecond), 1);

    /// <summary>
    /// Parses a <c>--threshold</c> value: a percentage only, because claims compare cells of different
    /// sizes, where a time ("2ms") has no single meaning. Throws <see cref="ArgumentException"/> with one line.
    /// </summary>
    public static ClaimOptions WithThreshold(string? text)
    {
        if (text is null)
        {
            return Default;
        }

        var threshold = ChangeThreshold.Parse(text, "--threshold");
        if (!threshold.IsRelative)
        {
            throw new ArgumentException($"--threshold '{text}' is a time; the report compares cells of different sizes, so give a percentage like 10%");
        }

        return new ClaimOptions { Threshold = threshold };
    }
}
