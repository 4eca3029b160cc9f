using System.Globalization;
using Bench.Reports.Model;
using Bench.Results;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// The guide's "Thread Execution Flow", "Process Execution" and "Thread Locking" diagrams drawn from a
/// measured trace: a lane per thread or worker process, a bar per work item, process start-up (spawn →
/// ready) shaded grey, and for locks the wait (grey) and the hold (coloured).
/// </summary>
public static class TimelineChart
{
    /// <summary>More lanes than this do not read at 100% zoom; the rest are left out, and the caption says so.</summary>
    public const int MaxLanes = 32;

    private const double BarHalfHeight = 0.36;

    /// <param name="family">The <see cref="StrategyFamily"/> whose lanes these are: threads, or worker processes.</param>
    public static ChartImage DrawItems(WorkloadGroup group, ChartContext context, CellView? cell, string diagram, string family)
    {
        var laneAxis = family == StrategyFamily.Process ? "worker process" : "thread";
        var lanesNamed = StrategyFamily.Plural(family);
        // The PNG names its cell: a timeline read on its own must say which strategy and W it shows.
        var title = cell is null ? $"{diagram} — {group.Title}" : $"{diagram}, {cell.Strategy} W={cell.Workers} — {group.Title}";
        if (cell?.Cell.Trace is not { Items.Count: > 0 } trace)
        {
            return ChartImage.Absent(title, $"No trace to draw: no ok {family}-strategy cell in this group has trace items.");
        }

        var processes = trace.Processes.ToDictionary(p => $"pid {p.Pid.ToString(CultureInfo.InvariantCulture)}", StringComparer.Ordinal);
        // Lanes in order of first activity: spawn for processes, first item start otherwise.
        var lanes = trace.Items.GroupBy(i => i.Worker, StringComparer.Ordinal)
            .Select(g => (Worker: g.Key, First: processes.TryGetValue(g.Key, out var p) ? Math.Min(p.SpawnNs, g.Min(i => i.StartNs)) : g.Min(i => i.StartNs)))
            .Concat(processes.Where(p => trace.Items.All(i => i.Worker != p.Key)).Select(p => (Worker: p.Key, First: p.Value.SpawnNs)))
            .OrderBy(l => l.First)
            .Select(l => l.Worker)
            .ToList();
        var shown = lanes.Take(MaxLanes).ToList();
        var laneOf = shown.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);

        var plot = ChartStyle.Create(title, "time since the batch started (ms)", laneAxis);
        var colour = context.Colour(cell.Strategy);
        var shadedStartUp = false;
        double end = 0;
        foreach (var (worker, lane) in laneOf)
        {
            if (processes.TryGetValue(worker, out var process) && process.ReadyNs > process.SpawnNs)
            {
                Bar(plot, process.SpawnNs, process.ReadyNs!.Value, lane, ChartStyle.StartUp);
                shadedStartUp = true;
                end = Math.Max(end, process.ReadyNs!.Value);
            }
        }

        end = Math.Max(end, trace.Items.Max(i => i.EndNs));
        // Items far shorter than the batch (microseconds in a batch of process start-ups) would be
        // invisible: they are drawn at least 0.4% of the time axis wide, and the caption says so.
        var minimum = end * 0.004;
        var widened = 0;
        foreach (var item in trace.Items.Where(i => laneOf.ContainsKey(i.Worker)))
        {
            var itemEnd = Math.Max(item.EndNs, item.StartNs);
            if (itemEnd - item.StartNs < minimum)
            {
                itemEnd = item.StartNs + minimum;
                widened++;
            }

            Bar(plot, item.StartNs, itemEnd, laneOf[item.Worker], colour);
        }

        // The lanes left out still ran: their items are drawn merged into one last lane, lighter, so the
        // axis's second half (a thread per item runs past the 32nd lane) is not an empty panel.
        var laneLabels = shown;
        var merged = colour.Lighten(0.55); // opaque: overlapping merged items must not darken into the ordinary colour
        if (lanes.Count > shown.Count)
        {
            var hidden = lanes.Count - shown.Count;
            laneLabels = [.. shown, $"+{hidden} more"];
            foreach (var (worker, process) in processes.Where(p => !laneOf.ContainsKey(p.Key) && p.Value.ReadyNs > p.Value.SpawnNs))
            {
                Bar(plot, process.SpawnNs, process.ReadyNs!.Value, shown.Count, ChartStyle.StartUp);
            }

            foreach (var item in trace.Items.Where(i => !laneOf.ContainsKey(i.Worker)))
            {
                Bar(plot, item.StartNs, Math.Max(item.EndNs, item.StartNs + minimum), shown.Count, merged);
            }
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"work item ({cell.Strategy})", FillColor = colour });
        if (lanes.Count > shown.Count)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"items of the other {lanes.Count - shown.Count} {lanesNamed}", FillColor = merged });
        }

        if (shadedStartUp)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "process start-up", FillColor = ChartStyle.StartUp });
        }

        var file = context.FileName(group, $"timeline-{lanesNamed}");
        var height = Finish(plot, laneLabels, end);
        ChartStyle.Save(plot, context.Directory, file, height);
        var caption = $"{cell.Label}: one traced batch of {trace.Items.Count} items on {lanes.Count} {lanesNamed}.";
        if (lanes.Count > shown.Count)
        {
            caption += $" The first {shown.Count} of {lanes.Count} lanes are drawn apart; the items of the other {lanes.Count - shown.Count} share the last lane.";
        }

        if (widened > 0)
        {
            caption += $" {widened} item(s) shorter than {Format.Duration(minimum)} are drawn {Format.Duration(minimum)} wide so they stay visible.";
        }

        return new ChartImage(title, file, caption);
    }

    public static ChartImage DrawLocks(WorkloadGroup group, ChartContext context, CellView? cell)
    {
        var title = cell is null ? $"Thread locking — {group.Title}" : $"Thread locking, {cell.Strategy} W={cell.Workers} — {group.Title}";
        if (cell?.Cell.Trace is not { Locks.Count: > 0 } trace)
        {
            return ChartImage.Absent(title, "No lock trace in this group.");
        }

        var lanes = trace.Locks.GroupBy(l => l.Worker, StringComparer.Ordinal).OrderBy(g => g.Min(l => l.WaitStartNs)).Select(g => g.Key).ToList();
        var shown = lanes.Take(MaxLanes).ToList();
        var laneOf = shown.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        var plot = ChartStyle.Create(title, "time since the batch started (ms)", "thread");
        var colour = context.Colour(cell.Strategy);
        double end = 0;
        foreach (var span in trace.Locks.Where(l => laneOf.ContainsKey(l.Worker)))
        {
            if (span.AcquiredNs > span.WaitStartNs)
            {
                Bar(plot, span.WaitStartNs, span.AcquiredNs, laneOf[span.Worker], ChartStyle.StartUp);
            }

            Bar(plot, span.AcquiredNs, Math.Max(span.ReleasedNs, span.AcquiredNs), laneOf[span.Worker], colour);
            end = Math.Max(end, span.ReleasedNs);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "holding the lock", FillColor = colour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "waiting for it", FillColor = ChartStyle.StartUp });
        var file = context.FileName(group, "timeline-locks");
        var height = Finish(plot, shown, end);
        ChartStyle.Save(plot, context.Directory, file, height);
        var caption = $"{cell.Label}: {trace.Locks.Count} lock acquisitions by {lanes.Count} threads.";
        if (lanes.Count > shown.Count)
        {
            caption += $" Showing the first {shown.Count} of {lanes.Count} lanes.";
        }

        return new ChartImage(title, file, caption);
    }

    private static void Bar(Plot plot, double startNs, double endNs, int lane, Color colour)
    {
        // A zero-length item still gets a sliver, so that it is visible.
        var rectangle = plot.Add.Rectangle(startNs / 1e6, Math.Max(endNs / 1e6, startNs / 1e6 + 1e-3), -lane - BarHalfHeight, -lane + BarHalfHeight);
        rectangle.FillColor = colour;
        rectangle.LineWidth = 0;
    }

    private static int Finish(Plot plot, IReadOnlyList<string> lanes, double endNs)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            lanes.Select((_, i) => (double)-i).ToArray(), lanes.ToArray());
        plot.Axes.SetLimits(0, Math.Max(endNs / 1e6, 1e-3) * 1.03, -lanes.Count + 0.4, 0.6);
        plot.Grid.YAxisStyle.IsVisible = false;
        ChartStyle.LegendOutside(plot);
        return Math.Max(320, 140 + 26 * lanes.Count);
    }
}
