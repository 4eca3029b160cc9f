using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>Parallel efficiency (speedup ÷ W) against W, one line per strategy with its confidence interval as error bars; 100% is ideal.</summary>
public static class EfficiencyChart
{
    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Parallel efficiency vs workers — {group.Title}";
        var curves = group.Strategies
            .Select(s => (Strategy: s, Points: group.Curve(s).Where(c => c.EfficiencyVsW1 is not null).ToList()))
            .Where(c => c.Points.Count > 0)
            .ToList();
        if (!curves.Any(c => c.Points.Count >= 2))
        {
            return ChartImage.Absent(title, "No efficiency curve: it needs the speedup over W=1 at two or more worker counts.");
        }

        var plot = ChartStyle.Create(title, "workers W", "parallel efficiency (speedup over W=1 ÷ W, %)");
        var ideal = plot.Add.HorizontalLine(100, 1.5f, ChartStyle.Ideal, LinePattern.Dashed);
        ideal.LegendText = "ideal (100%)";
        var top = 110.0;
        // Strategies side by side at each W, as on the throughput chart: efficiencies that agree (every one is
        // 100% at W=1; threadpool and threadpool-async on I/O) would otherwise hide each other's markers.
        foreach (var (index, (strategy, points)) in curves.Index())
        {
            var xs = points.Select(p => p.Workers + ChartStyle.Dodge(index, curves.Count, 0.3)).ToArray();
            var line = plot.Add.Scatter(xs, points.Select(p => p.EfficiencyVsW1!.Value * 100).ToArray(), context.Colour(strategy));
            line.LineWidth = 2.5f;
            line.MarkerSize = 9;
            line.LegendText = strategy;
            top = Math.Max(top, points.Max(p => p.EfficiencyVsW1!.Value * 100) * 1.1);
            var withInterval = points.Select((p, i) => (Cell: p, X: xs[i])).Where(p => p.Cell.EfficiencyInterval is not null).ToList();
            if (withInterval.Count > 0)
            {
                var bars = plot.Add.ErrorBar(withInterval.Select(p => p.X).ToArray(), withInterval.Select(p => p.Cell.EfficiencyVsW1!.Value * 100).ToArray(), withInterval.Select(_ => 0.0).ToArray());
                bars.YErrorPositive = withInterval.Select(p => Math.Max(0, p.Cell.EfficiencyInterval!.Value.High - p.Cell.EfficiencyVsW1!.Value) * 100).ToArray();
                bars.YErrorNegative = withInterval.Select(p => Math.Max(0, p.Cell.EfficiencyVsW1!.Value - p.Cell.EfficiencyInterval!.Value.Low) * 100).ToArray();
                bars.Color = context.Colour(strategy);
                bars.LineWidth = 1.5f;
                top = Math.Max(top, withInterval.Max(p => Math.Min(p.Cell.EfficiencyInterval!.Value.High, p.Cell.EfficiencyVsW1!.Value * 3) * 100) * 1.05);
            }
        }

        var maxWorkers = group.WorkerCounts.Max();
        plot.Axes.SetLimits(0.5, maxWorkers + 0.5, 0, top);
        ChartStyle.WorkerTicks(plot.Axes.Bottom, group.WorkerCounts.Select(w => (double)w));
        ChartStyle.LegendOutside(plot);
        var file = context.FileName(group, "efficiency");
        ChartStyle.Save(plot, context.Directory, file);
        return new ChartImage(title, file, $"Bars: the {context.Data.Options.Confidence * 100:0.#}% confidence interval. Efficiency = speedup over the same strategy at W=1 ÷ W, the base of the speedup chart. Above 100% is super-linear (or a slow W=1 cell). Efficiency against a plain sequential loop, which also charges a strategy its own overhead at W=1, is derived.efficiencyVsSequential in results.json.");
    }
}
