using Bench.Reports.Model;
using Bench.Reports.Why;

namespace Bench.Reports.Html;

/// <summary>A workload's "why" panel as the page shows it: its counters per item for each strategy and W, the most different ones marked.</summary>
internal static class WhyHtml
{
    public static WhyView View(WorkloadGroup group, ReportData data)
    {
        var panel = new WhyPanel(group);
        var unavailable = panel.Cells.SelectMany(c => c.Cell.Resources!).Select(r => r.Kernel?.Unavailable).FirstOrDefault(u => u is { Count: > 0 });
        var note = "Medians over the measured samples, divided by the batch's items (thread-pool threads: per batch). "
                   + "Kernel counters: perf_event_open, inherited by every thread and worker process; .NET counters: the runtime's own APIs in the cell process and in each worker (through the frame protocol). "
                   + $"Marked: the {WhyPanel.MostDifferent} counters, at most, that differ {WhyPanel.MinimumRatio:0}× or more between the fastest and the slowest strategy at the largest W where two finished; counters explain, they are not a verdict."
                   + (unavailable is null ? "" : $" Not available here: {string.Join("; ", unavailable)}.");
        var rows = panel.Cells.Select(cell => new WhyRowView(
            new StrategyHead(cell.Strategy, data.Strategies.Colour(cell.Strategy)),
            cell == panel.Fastest ? "(fastest)" : cell == panel.Slowest ? "(slowest)" : "",
            cell.Workers,
            Format.Duration(cell.MedianNs),
            [.. panel.Counters.Select(counter => WhyPanel.Figure(cell, counter) is { } figure
                ? (WhyPanel.Value(figure.Median, counter), panel.IsHighlighted(cell, counter))
                : (Format.Missing, false))])).ToList();
        return new WhyView(panel.Sentence(), panel.Missing, [.. panel.Counters.Select(c => c.Label)], rows, note);
    }
}
