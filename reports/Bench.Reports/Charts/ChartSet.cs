using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Charts;

/// <summary>The charts of one workload group, in the order the page shows them.</summary>
public sealed record GroupCharts(WorkloadGroup Group, IReadOnlyList<ChartImage> Charts);

/// <summary>
/// Draws every chart of the report. A chart that throws becomes a visible note rather than sinking the
/// whole report: the other charts, the tables and the data are still worth having.
/// </summary>
public static class ChartSet
{
    public static IReadOnlyList<GroupCharts> Draw(ReportData data, string directory)
    {
        var context = new ChartContext(data, directory);
        // Groups are independent and ScottPlot plots share no state, so they render in parallel.
        var results = new GroupCharts[data.Groups.Count];
        try
        {
            Parallel.For(0, data.Groups.Count, i => results[i] = DrawGroup(data.Groups[i], context));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is IOException or UnauthorizedAccessException) is { } write)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(write);
        }

        return results;
    }

    private static GroupCharts DrawGroup(WorkloadGroup group, ChartContext context)
    {
        var charts = new List<ChartImage>
        {
            Safely("Speedup", () => SpeedupChart.Draw(group, context)),
            Safely("Efficiency", () => EfficiencyChart.Draw(group, context)),
            Safely("Throughput", () => ThroughputChart.Draw(group, context)),
            Safely("Overhead per item", () => OverheadChart.Draw(group, context)),
            Safely("Peak memory", () => MemoryChart.Draw(group, context)),
            Safely("Sample distribution", () => DistributionChart.Draw(group, context)),
            Safely("Thread execution flow", () => TimelineChart.DrawItems(group, context, TracedCell(group, context.Data.Strategies.PlainOfFamily(StrategyFamily.Thread)), "Thread execution flow", StrategyFamily.Thread)),
            Safely("Process execution", () => TimelineChart.DrawItems(group, context, TracedCell(group, context.Data.Strategies.PlainOfFamily(StrategyFamily.Process)), "Process execution", StrategyFamily.Process)),
        };
        var locked = group.OkCells.Concat(group.Cells).Where(c => c.Cell.Trace is { Locks.Count: > 0 }).MaxBy(c => c.Workers);
        if (locked is not null)
        {
            charts.Add(Safely("Thread locking", () => TimelineChart.DrawLocks(group, context, locked)));
        }

        return new GroupCharts(group, charts);
    }

    /// <summary>The traced ok cell of the first strategy (in preference order: a family's plain strategies in display order) that has one, at its largest W.</summary>
    public static CellView? TracedCell(WorkloadGroup group, IEnumerable<string> preference)
    {
        foreach (var strategy in preference)
        {
            var cell = group.OkCells.Where(c => c.Strategy == strategy && c.Cell.Trace is { Items.Count: > 0 }).MaxBy(c => c.Workers);
            if (cell is not null)
            {
                return cell;
            }
        }

        return null;
    }

    private static ChartImage Safely(string title, Func<ChartImage> draw)
    {
        try
        {
            return draw();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or IOException or UnauthorizedAccessException))
        {
            // A chart that cannot be drawn becomes a note; one that cannot be written fails the report.
            return ChartImage.Absent(title, $"This chart could not be drawn ({e.GetType().Name}: {e.Message.Split('\n')[0]}).");
        }
    }
}
