using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// Overhead per item ((median − ideal) · W / items) per strategy at each W, on a log scale because the
/// strategies' costs span orders of magnitude (a Task.Run is ~µs, a process spawn ~ms), with the OS floors
/// measured at calibration as labelled reference lines.
/// </summary>
public static class OverheadChart
{
    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Overhead per item — {group.Title}";
        var cells = group.OkCells.Where(c => c.OverheadPerItemNs is not null).ToList();
        var positive = cells.Where(c => c.OverheadPerItemNs > 0).ToList();
        if (positive.Count == 0)
        {
            return ChartImage.Absent(title, cells.Count == 0
                ? "No overhead figures: the workload has no ideal time (derived.idealNs), so the overhead over it is unknown."
                : "Every cell ran at or below its ideal time, so there is no positive overhead to plot.");
        }

        var floors = Floors(context.Data.Calibration);
        var values = positive.Select(c => c.OverheadPerItemNs!.Value).Concat(floors.Select(f => f.Ns)).ToList();
        double low = values.Min(), high = values.Max();
        var plot = ChartStyle.Create(title, "workers W", "overhead per item (log scale)");
        var workers = group.WorkerCounts;
        var strategies = group.Strategies.Where(s => positive.Any(c => c.Strategy == s)).ToList();
        for (var si = 0; si < strategies.Count; si++)
        {
            var points = positive.Where(c => c.Strategy == strategies[si]).OrderBy(c => c.Workers).ToList();
            var line = plot.Add.Scatter(
                points.Select(c => group.WorkerIndex(c.Workers) + ChartStyle.Dodge(si, strategies.Count)).ToArray(),
                points.Select(c => Math.Log10(c.OverheadPerItemNs!.Value)).ToArray(),
                context.Colour(strategies[si]));
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = strategies[si];
        }

        // Floors are labelled horizontally, just above their line, in a gutter left of the first worker
        // count that holds no data: labels on the axis would be rotated and collide, and labels among the
        // points hid the W=1 markers that sit near a floor (threads next to thread create+join).
        var gutter = 0.45 * workers.Count;
        foreach (var (name, ns) in floors)
        {
            plot.Add.HorizontalLine(Math.Log10(ns), 1.5f, ChartStyle.Floor, LinePattern.Dotted).ExcludeFromLegend = true;
            var label = plot.Add.Text($"{name} {Format.Duration(ns)}", -0.5 - gutter + 0.02, Math.Log10(ns));
            label.LabelFontSize = 12;
            label.LabelFontColor = ChartStyle.Floor;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            label.LabelAlignment = Alignment.LowerLeft;
        }

        ChartStyle.CategoryTicks(plot.Axes.Bottom, workers.Select(w => $"W={w}").ToList());
        ChartStyle.LogTicks(plot.Axes.Left, low, high, Format.DurationTick);
        plot.Axes.SetLimits(-0.5 - gutter, workers.Count - 0.5, Math.Log10(low) - 0.2, Math.Log10(high) + 0.2);
        ChartStyle.LegendOutside(plot);
        var file = context.FileName(group, "overhead");
        ChartStyle.Save(plot, context.Directory, file);
        var caption = floors.Count > 0
            ? "Dotted lines, labelled on the left: OS floors measured on this machine at calibration."
            : "No OS floors: results.json has no calibration.";
        var hidden = cells.Count - positive.Count;
        if (hidden > 0)
        {
            caption += $" {hidden} cell(s) ran at or below their ideal time and cannot be shown on a log scale.";
        }

        return new ChartImage(title, file, caption);
    }

    public static IReadOnlyList<(string Name, double Ns)> Floors(Bench.Results.Calibration? calibration)
    {
        if (calibration is null)
        {
            return [];
        }

        var floors = new (string, double)[]
        {
            ("Task.Run", calibration.TaskRunNs),
            ("uncontended lock", calibration.UncontendedLockNs),
            ("pipe round trip", calibration.PipeRoundTripNs),
            ("thread create+join", calibration.ThreadCreateJoinNs),
            ("process spawn+wait", calibration.ProcessSpawnWaitNs),
        };
        return floors.Where(f => f.Item2 > 0 && double.IsFinite(f.Item2)).ToList();
    }
}
