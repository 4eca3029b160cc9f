using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// Throughput (items/s) per strategy at each W, with the 99% confidence interval as error bars where
/// results.json has one. When the strategies differ by more than 20× (processes vs thread pool on tiny
/// items) the y axis is logarithmic, and says so: on a linear axis the slow strategies would sit flat on
/// zero and the difference the chart exists to show would vanish.
/// </summary>
public static class ThroughputChart
{
    public const double LogScaleSpread = 20;

    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Throughput — {group.Title}";
        var cells = group.OkCells.Where(c => c.ItemsPerSecond > 0).ToList();
        if (cells.Count == 0)
        {
            return ChartImage.Absent(title, "No ok cell with a throughput (items per second) in this group.");
        }

        var low = cells.Min(c => Math.Min(c.ItemsPerSecond!.Value, c.ItemsPerSecondCi?.Low ?? double.MaxValue));
        var high = cells.Max(c => Math.Max(c.ItemsPerSecond!.Value, c.ItemsPerSecondCi?.High ?? 0));
        var log = high / low > LogScaleSpread;
        Func<double, double> y = log ? Math.Log10 : v => v;

        var plot = ChartStyle.Create(title, "workers W", log ? "throughput (items/s, log scale)" : "throughput (items/s)");
        var workers = group.WorkerCounts;
        var strategies = group.Strategies.Where(s => cells.Any(c => c.Strategy == s)).ToList();
        var withCi = 0;
        for (var si = 0; si < strategies.Count; si++)
        {
            var strategy = strategies[si];
            var points = cells.Where(c => c.Strategy == strategy).OrderBy(c => c.Workers).ToList();
            var xs = points.Select(c => group.WorkerIndex(c.Workers) + ChartStyle.Dodge(si, strategies.Count)).ToArray();
            var ys = points.Select(c => y(c.ItemsPerSecond!.Value)).ToArray();
            var colour = context.Colour(strategy);
            var line = plot.Add.Scatter(xs, ys, colour);
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = strategy;

            var bounded = points.Select((c, i) => (Cell: c, X: xs[i], Y: ys[i])).Where(p => p.Cell.ItemsPerSecondCi is not null).ToList();
            if (bounded.Count > 0)
            {
                withCi += bounded.Count;
                var zeros = new double[bounded.Count];
                var errors = plot.Add.ErrorBar(bounded.Select(p => p.X).ToArray(), bounded.Select(p => p.Y).ToArray(), zeros);
                errors.YErrorPositive = bounded.Select(p => y(p.Cell.ItemsPerSecondCi!.Value.High) - p.Y).ToList();
                errors.YErrorNegative = bounded.Select(p => p.Y - y(p.Cell.ItemsPerSecondCi!.Value.Low)).ToList();
                errors.Color = colour;
                errors.LineWidth = 2;
                errors.CapSize = 8;
            }
        }

        ChartStyle.CategoryTicks(plot.Axes.Bottom, workers.Select(w => $"W={w}").ToList());
        if (log)
        {
            ChartStyle.LogTicks(plot.Axes.Left, low, high, Format.Tick);
            plot.Axes.SetLimitsY(Math.Log10(low) - 0.15, Math.Log10(high) + 0.15);
        }
        else
        {
            plot.Axes.SetLimitsY(0, high * 1.12);
        }

        plot.Axes.SetLimitsX(-0.5, workers.Count - 0.5);
        ChartStyle.LegendOutside(plot);
        var file = context.FileName(group, "throughput");
        ChartStyle.Save(plot, context.Directory, file);
        var caption = withCi > 0
            ? $"Error bars: the 99% confidence interval of each cell's median, turned into items/s ({withCi} of {cells.Count} cells have one)."
            : "No error bars: results.json has no confidence intervals for these cells.";
        if (log)
        {
            caption += $" Log scale: the fastest and slowest differ by {Format.Times(high / low)}.";
        }

        return new ChartImage(title, file, caption);
    }
}
