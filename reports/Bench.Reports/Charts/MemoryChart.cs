using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>Peak memory of the whole process tree (harness + workers) per strategy at each W, as grouped bars from zero.</summary>
public static class MemoryChart
{
    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Peak memory — {group.Title}";
        var cells = group.OkCells.Where(c => c.PeakMemoryBytes > 0).ToList();
        if (cells.Count == 0)
        {
            return ChartImage.Absent(title, "No memory figures: results.json has neither derived.peakTreeMemoryBytes nor per-sample resources for these cells.");
        }

        var plot = ChartStyle.Create(title, "workers W", "peak memory of the process tree (MiB)");
        var workers = group.WorkerCounts;
        var strategies = group.Strategies.Where(s => cells.Any(c => c.Strategy == s)).ToList();
        var width = 0.8 / strategies.Count;
        for (var si = 0; si < strategies.Count; si++)
        {
            var colour = context.Colour(strategies[si]);
            var bars = cells.Where(c => c.Strategy == strategies[si]).Select(c => new Bar
            {
                Position = group.WorkerIndex(c.Workers) + ChartStyle.Dodge(si, strategies.Count, 0.8),
                Value = c.PeakMemoryBytes!.Value / (1024.0 * 1024.0),
                Size = width * 0.92,
                FillColor = colour,
                LineWidth = 0,
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = strategies[si];
            plottable.Color = colour;
        }

        var top = cells.Max(c => c.PeakMemoryBytes!.Value) / (1024.0 * 1024.0);
        ChartStyle.CategoryTicks(plot.Axes.Bottom, workers.Select(w => $"W={w}").ToList());
        plot.Axes.SetLimits(-0.5, workers.Count - 0.5, 0, top * 1.12);
        ChartStyle.LegendOutside(plot);
        var file = context.FileName(group, "memory");
        ChartStyle.Save(plot, context.Directory, file);
        return new ChartImage(title, file, "The largest resident set of the process tree over the samples: threads share one process; process strategies add one runtime per worker.");
    }
}
