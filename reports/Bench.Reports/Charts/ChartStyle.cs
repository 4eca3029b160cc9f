using Bench.Reports.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Reports.Charts;

/// <summary>
/// What every chart shares: size, font sizes that read at 100% zoom, the strategy colours, a legend
/// outside the data area (it can never cover a point), and the axis helpers.
/// </summary>
internal static class ChartStyle
{
    public const int Width = 960;
    public const int Height = 540;

    public static readonly Color Ideal = Color.FromHex("#555555");
    public static readonly Color Floor = Color.FromHex("#444444");
    public static readonly Color StartUp = Color.FromHex("#B0B0B0");

    // The first sans-serif family installed; Skia's own fallback on Linux is often a serif face.
    // Computed once, never changed.
    private static readonly Lazy<string> SansFont = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI" }.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is not null) ?? Fonts.Sans);

    /// <summary>
    /// The widest a title may be. ScottPlot centres it over the data area, which starts ≈ 60 px from the
    /// left edge and ends where the legend panel begins: a wider title runs off the left edge of the image
    /// (seen: "eedup vs workers — counter (hold=0, increments=2500000, …)").
    /// </summary>
    private const float TitleWidth = 700;

    private const float TitleSize = 18;
    private const float SmallestTitleSize = 13;

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        var (fitted, size) = FitTitle(title);
        plot.Title(fitted, size);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 13;
        }

        plot.Grid.MajorLineColor = Color.FromHex("#E3E3E3");
        return plot;
    }

    /// <summary>
    /// The title on one line at the largest size from 18 down to 15 px that fits <see cref="TitleWidth"/>;
    /// else on two lines, broken at the ", " or " (" nearest its middle (parameter lists make long titles),
    /// at the largest size down to 13 px at which both fit.
    /// </summary>
    internal static (string Text, float Size) FitTitle(string title)
    {
        for (var size = TitleSize; size >= 15; size--)
        {
            if (TextWidth(title, size) <= TitleWidth)
            {
                return (title, size);
            }
        }

        var middle = title.Length / 2;
        var at = new[] { " (", ", " }
            .SelectMany(separator => AllIndexes(title, separator).Select(i => separator == " (" ? i : i + 1))
            .OrderBy(i => Math.Abs(i - middle))
            .Cast<int?>()
            .FirstOrDefault();
        var lines = at is { } i2 ? [title[..i2].TrimEnd(), title[i2..].TrimStart()] : new[] { title };
        for (var size = TitleSize; size > SmallestTitleSize; size--)
        {
            if (lines.All(line => TextWidth(line, size) <= TitleWidth))
            {
                return (string.Join("\n", lines), size);
            }
        }

        return (string.Join("\n", lines), SmallestTitleSize);
    }

    // The typeface of SansFont, looked up once: every chart measures its title several times.
    private static readonly Lazy<SkiaSharp.SKTypeface> SansTypeface = new(() => SkiaSharp.SKTypeface.FromFamilyName(SansFont.Value));

    private static float TextWidth(string text, float size)
    {
        using var font = new SkiaSharp.SKFont(SansTypeface.Value, size);
        return font.MeasureText(text);
    }

    private static IEnumerable<int> AllIndexes(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    /// <summary>The legend goes in its own panel right of the data area.</summary>
    public static void LegendOutside(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 13;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>Categorical ticks (for W or strategy names) at 0, 1, 2, ….</summary>
    public static void CategoryTicks(IAxis axis, IReadOnlyList<string> labels)
    {
        axis.TickGenerator = new NumericManual(labels.Select((_, i) => (double)i).ToArray(), labels.ToArray());
    }

    /// <summary>Ticks at the measured worker counts on a numeric W axis.</summary>
    public static void WorkerTicks(IAxis axis, IEnumerable<double> workers)
    {
        var positions = workers.Distinct().Order().ToArray();
        axis.TickGenerator = new NumericManual(positions, positions.Select(w => Format.Workers(w)).ToArray());
    }

    /// <summary>
    /// A base-10 log axis for data already transformed with log10: majors at powers of ten (and at 2 and 5
    /// times them when the range spans less than two decades, so there are always a few labels), minors
    /// at the other integers. Labels show the untransformed value.
    /// </summary>
    public static void LogTicks(IAxis axis, double minValue, double maxValue, Func<double, string> label)
    {
        var low = Math.Floor(Math.Log10(minValue));
        var high = Math.Ceiling(Math.Log10(maxValue));
        var generator = new NumericManual();
        var multipliers = high - low < 2 ? new[] { 1.0, 2, 5 } : [1.0];
        for (var exponent = low; exponent <= high; exponent++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var value = m * Math.Pow(10, exponent);
                if (multipliers.Contains(m))
                {
                    generator.AddMajor(Math.Log10(value), label(value));
                }
                else
                {
                    generator.AddMinor(Math.Log10(value));
                }
            }
        }

        axis.TickGenerator = generator;
    }

    /// <summary>Offsets so that several strategies at the same x sit side by side rather than on top of each other.</summary>
    public static double Dodge(int index, int count, double spread = 0.5) =>
        count <= 1 ? 0 : (index - (count - 1) / 2.0) * (spread / count);

    /// <summary>
    /// Renders in memory and writes the PNG atomically: a full disk or an unwritable folder fails the report
    /// (an IOException, which <see cref="ChartSet"/> lets through) instead of leaving a zero-byte or truncated image.
    /// </summary>
    public static void Save(Plot plot, string directory, string fileName, int height = Height)
    {
        using var image = plot.GetImage(Width, height);
        Bench.Results.AtomicFile.WriteAllBytes(Path.Combine(directory, fileName), image.GetImageBytes(ImageFormat.Png, 100));
    }
}
