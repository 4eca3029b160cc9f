using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// The distribution of samples of the headline cells (each strategy's best cell in the group): a box
/// (quartiles, median, whiskers at min and max) with every sample as a dot. Samples are shown relative to
/// their cell's median, because the cells' medians differ by orders of magnitude and on one absolute
/// axis the spread of the fast cells — what this chart is for — would be invisible; the medians are in
/// the tick labels.
/// </summary>
public static class DistributionChart
{
    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Sample distribution of the best cells — {group.Title}";
        var cells = group.Strategies.Select(group.Best).OfType<CellView>().Where(c => c.Samples.Count >= 2 && c.MedianNs > 0).ToList();
        if (cells.Count == 0)
        {
            return ChartImage.Absent(title, "No cell with two or more samples.");
        }

        var plot = ChartStyle.Create(title, "strategy (its best cell; median batch time)", "batch time ÷ the cell's median (%)");
        // An extreme sample (a 16× hiccup) would squash every box into a line: the axis stops at the
        // largest Q3 + 3·IQR, and samples above it are drawn as triangles on the top edge with their value.
        var sortedCells = cells.Select(c => c.Samples.Select(s => s / c.MedianNs!.Value * 100).Order().ToArray()).ToList();
        var cap = Math.Max(150, sortedCells.Max(r => Stats.Quantile(r, 0.75) + 3 * (Stats.Quantile(r, 0.75) - Stats.Quantile(r, 0.25))));
        var clipped = 0;
        double low = 100, high = 100;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var relative = sortedCells[i];
            low = Math.Min(low, relative[0]);
            high = Math.Max(high, Math.Min(relative[^1], cap));
            var colour = context.Colour(cell.Strategy);
            var box = plot.Add.Box(new Box
            {
                Position = i,
                BoxMin = Stats.Quantile(relative, 0.25),
                BoxMax = Stats.Quantile(relative, 0.75),
                BoxMiddle = Stats.Quantile(relative, 0.5),
                WhiskerMin = relative[0],
                WhiskerMax = Math.Min(relative[^1], cap),
                Width = 0.5,
                FillColor = colour.WithAlpha(0.35),
                LineColor = colour,
                LineWidth = 2,
            });
            box.FillColor = colour.WithAlpha(0.35);
            box.LineColor = colour;
            box.LineWidth = 2;

            // Dots in a narrow band beside the box, spread by rank so equal samples do not hide each other.
            var inside = relative.Where(r => r <= cap).ToArray();
            var xs = inside.Select((_, k) => i + 0.3 + 0.08 * (k % 4) / 3.0).ToArray();
            plot.Add.Markers(xs, inside, MarkerShape.FilledCircle, 6, colour);
            foreach (var outlier in relative.Where(r => r > cap))
            {
                clipped++;
                plot.Add.Marker(i + 0.3, cap, MarkerShape.FilledTriangleUp, 11, colour);
                var label = plot.Add.Text($"{outlier:0}%", i + 0.36, cap);
                label.LabelFontSize = 12;
                label.LabelAlignment = Alignment.UpperLeft;
            }
        }

        var labels = cells.Select(c => $"{c.Strategy} W={c.Workers}\n{Format.Duration(c.MedianNs)}").ToList();
        ChartStyle.CategoryTicks(plot.Axes.Bottom, labels);
        var pad = Math.Max(2, (high - low) * 0.1);
        plot.Axes.SetLimits(-0.6, cells.Count - 0.4, Math.Max(0, low - pad), high + pad);
        var file = context.FileName(group, "distribution");
        ChartStyle.Save(plot, context.Directory, file);
        var caption = "Box: quartiles and median; whiskers: fastest and slowest sample; dots: every sample. 100% is the cell's median.";
        if (clipped > 0)
        {
            caption += $" {clipped} sample(s) above {cap:0}% are drawn as triangles on the top edge, labelled with their value.";
        }

        return new ChartImage(title, file, caption);
    }
}
