using System.Globalization;
using Bench.Compare.Statistics;

namespace Bench.Compare.Formats;

/// <summary>Shared number and text formatting of the human-readable formats (invariant culture).</summary>
public static class Display
{
    public static string Time(double ns)
    {
        var abs = Math.Abs(ns);
        var (value, unit) = abs >= 1e9 ? (ns / 1e9, "s") : abs >= 1e6 ? (ns / 1e6, "ms") : abs >= 1e3 ? (ns / 1e3, "µs") : (ns, "ns");
        return value.ToString(Math.Abs(value) >= 100 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " " + unit;
    }

    public static string Change(double ratio) =>
        !double.IsFinite(ratio) ? "?" : (ratio >= 1 ? "+" : "") + ((ratio - 1) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Ratio(double ratio) => ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×";

    public static string Interval(ChangeStatistics s) =>
        s.RatioLower <= 0 || double.IsInfinity(s.RatioUpper) ? "unbounded" : $"[{Change(s.RatioLower)}, {Change(s.RatioUpper)}]";

    public static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>One line: control characters (newlines from a crafted name) become spaces.</summary>
    public static string OneLine(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    /// <summary>"alpha 0.01 over 93 cells (Benjamini-Hochberg)" or "alpha 0.01 per cell".</summary>
    public static string Alpha(ComparisonOptions options, int cells) =>
        $"alpha {Number(options.Alpha)} " + (options.Correction == Correction.BenjaminiHochberg ? $"over {cells} cells (Benjamini-Hochberg)" : "per cell");

    /// <summary>" with 4 earlier runs as its history" when the baseline is a history, else "".</summary>
    public static string History(IReadOnlyList<string> earlierSources) =>
        earlierSources.Count == 0 ? "" : $" with {earlierSources.Count} earlier run{(earlierSources.Count == 1 ? "" : "s")} as its history";

    /// <summary>The smaller of the two p-values: the evidence for the direction the data leans.</summary>
    /// (Adjusted for the family of cells where it was: the p the verdict was decided on.)
    public static double BestP(ChangeStatistics s) => Math.Min(s.SlowerP, s.FasterP);
}
