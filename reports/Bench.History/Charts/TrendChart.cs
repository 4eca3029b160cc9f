using Bench.History.Trends;
using Bench.Reports.Charts;
using Bench.Reports.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.History.Charts;

/// <summary>
/// One cell over commits: for each machine its commit medians joined by a line, each with its interval as an
/// error bar (with several runs at a commit, each run's median as a hollow dot), and each change point as a dashed vertical line between the two commits, labelled with the step.
/// The time axis starts at zero, so a step's height on the chart is its size.
/// </summary>
public static class TrendChart
{
    public const int Width = 760;
    public const int Height = 380;

    /// <summary>Machine colours, in the order machines are listed (Okabe-Ito, then ScottPlot's Category10).</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#8C564B"];

    /// <summary>Most commit labels shown on the x axis; more would overlap.</summary>
    private const int MaxTicks = 10;

    public static string Colour(int machineIndex) => Palette[machineIndex % Palette.Length];

    public static void Draw(
        CellTrend cell, IReadOnlyList<ChangePoint> changes, IReadOnlyList<Commit> commits, IReadOnlyDictionary<string, int> machineIndex, string path)
    {
        var plot = ChartStyle.Create(cell.Name, "commit (oldest first)", "batch time (median)");
        var all = cell.Series.SelectMany(s => s.Points).ToList();
        var highest = all.Max(p => Math.Max(p.HighNs ?? p.MedianNs, p.RunMediansNs.Max()));
        var (scale, unit) = Unit(highest);
        for (var si = 0; si < cell.Series.Count; si++)
        {
            var series = cell.Series[si];
            var colour = Color.FromHex(Colour(machineIndex[series.Machine]));
            // Machines measured at the same commit sit side by side, so their interval bars do not hide each other.
            var dodge = ChartStyle.Dodge(si, cell.Series.Count, 0.3);
            var xs = series.Points.Select(p => p.Commit.Index + dodge).ToArray();
            var ys = series.Points.Select(p => p.MedianNs / scale).ToArray();
            var line = plot.Add.Scatter(xs, ys, colour);
            line.LineWidth = 1.5f;
            line.MarkerSize = series.Points.Count > 60 ? 3 : 6;
            line.LegendText = series.MachineLabel;
            if (series.Points.Any(p => p.Runs > 1))
            {
                // Several runs of one commit: each run's median as a hollow dot beside the line through their median.
                var runs = plot.Add.Scatter(
                    series.Points.SelectMany(p => p.RunMediansNs.Select(_ => p.Commit.Index + dodge)).ToArray(),
                    series.Points.SelectMany(p => p.RunMediansNs.Select(m => m / scale)).ToArray(),
                    colour);
                runs.LineWidth = 0;
                runs.MarkerShape = MarkerShape.OpenCircle;
                runs.MarkerSize = 7;
            }

            var withInterval = series.Points.Where(p => p.LowNs is not null && p.HighNs is not null).ToList();
            if (withInterval.Count > 0 && withInterval.Count <= 200)
            {
                var bars = plot.Add.ErrorBar(
                    withInterval.Select(p => p.Commit.Index + dodge).ToArray(),
                    withInterval.Select(p => p.MedianNs / scale).ToArray(),
                    new double[withInterval.Count]);
                bars.YErrorNegative = withInterval.Select(p => Math.Max(0, (p.MedianNs - p.LowNs!.Value) / scale)).ToList();
                bars.YErrorPositive = withInterval.Select(p => Math.Max(0, (p.HighNs!.Value - p.MedianNs) / scale)).ToList();
                bars.Color = colour;
                bars.CapSize = 4;
                bars.LineWidth = 1;
            }
        }

        var top = highest / scale * 1.18;
        foreach (var change in changes)
        {
            // The label sits inside the data area, at the top, right of its line: on the line it would hide a point.
            var x = (change.Before.Index + change.After.Index) / 2.0;
            var colour = Color.FromHex(Colour(machineIndex[change.Machine]));
            plot.Add.VerticalLine(x, 1.5f, colour, LinePattern.Dashed);
            var label = plot.Add.Text(change.Step, x, top * 0.98);
            label.LabelFontSize = 12;
            label.LabelBold = true;
            label.LabelFontColor = colour;
            label.LabelAlignment = Alignment.UpperLeft;
            label.OffsetX = 4;
        }

        plot.Axes.Left.Label.Text = $"batch time ({unit})";
        plot.Axes.SetLimitsY(0, top);
        plot.Axes.SetLimitsX(-0.5, Math.Max(commits.Count - 0.5, 0.5));
        plot.Axes.Bottom.TickGenerator = CommitTicks(commits);
        plot.Axes.Bottom.TickLabelStyle.Rotation = commits.Count > 6 ? -30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = commits.Count > 6 ? Alignment.MiddleRight : Alignment.UpperCenter;
        plot.Axes.Bottom.MinimumSize = commits.Count > 6 ? 70 : 0;
        // Below the data, in a row: machine labels are long, and a side panel would take a third of the width.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = 12;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.SavePng(path, Width, Height);
    }

    /// <summary>At most <see cref="MaxTicks"/> commit labels, evenly spaced from the first; the last too when it is not next to one.</summary>
    private static NumericManual CommitTicks(IReadOnlyList<Commit> commits)
    {
        var ticks = new NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(commits.Count / (double)MaxTicks));
        for (var i = 0; i < commits.Count; i++)
        {
            if (i % step == 0 || i == commits.Count - 1 && (commits.Count - 1) % step > step / 2)
            {
                ticks.AddMajor(i, commits[i].Label);
            }
        }

        return ticks;
    }

    private static (double Scale, string Unit) Unit(double ns) => ns switch
    {
        >= 1e9 => (1e9, "s"),
        >= 1e6 => (1e6, "ms"),
        >= 1e3 => (1e3, "µs"),
        _ => (1, "ns"),
    };
}
