using System.Text;
using Bench.Reports.Guide;
using Bench.Reports.Model;
using static Bench.Results.Text.MarkdownText;

namespace Bench.Reports.Markdown;

/// <summary>
/// summary.md: the headline first, the guide table, then the warnings and every cell, each collapsed in a
/// &lt;details&gt; block (GitHub renders them folded), for a CI job summary or a PR comment.
/// </summary>
public static class MarkdownSummary
{
    public static string Render(ReportData data, IReadOnlyList<HeadlineLine> headline, GuideTable guide, IReadOnlyList<ReportWarning> warnings)
    {
        var md = new StringBuilder(16 * 1024);
        var e = data.Environment;
        md.AppendLine("# Threads or processes? Measured on this machine").AppendLine();
        md.AppendLine($"{Escape(e.Cpu)}, {e.LogicalCores} logical cores, {Escape(e.Os)}, {Escape(e.Runtime)}, worker build {Escape(e.WorkerBuild)}{(e.WorkloadAssembly is { } a ? $", workloads from {Escape(Path.GetFileName(a.Path))} ({Escape(a.Worker)})" : "")}; profile {Escape(data.Results.Profile)}, {data.Cells.Count} cells, started {Format.Timestamp(e.StartedUtc)}.").AppendLine();

        md.AppendLine("## The answer").AppendLine();
        foreach (var line in headline)
        {
            md.AppendLine($"- {Escape(line.Text)}");
        }

        md.AppendLine().AppendLine("## The guide's comparison table, measured").AppendLine();
        md.AppendLine("| Feature | The guide says | " + string.Join(" | ", guide.Strategies.Select(Escape)) + " |");
        md.AppendLine("| --- | --- | " + string.Join(" | ", guide.Strategies.Select(_ => "---")) + " |");
        foreach (var row in guide.Rows)
        {
            var cells = guide.Strategies.Select(s => row.Measured[s]).Select(c => Escape(c.Text) + (c.Contradicts ? " ⚠ **contradicts the guide**" : ""));
            md.AppendLine($"| {Escape(row.Feature)} | {Escape(row.GuideSays)} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine().AppendLine("Where .NET on this machine contradicts the guide:").AppendLine();
        foreach (var line in guide.Contradictions)
        {
            md.AppendLine($"- {Escape(line)}");
        }

        md.AppendLine().AppendLine("## Warnings").AppendLine();
        if (warnings.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            // Collapsed: at 93 cells the list runs to a hundred lines, and the answer and the table come first.
            var kinds = string.Join(", ", warnings.GroupBy(w => w.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            md.AppendLine($"<details><summary>{warnings.Count} warnings ({kinds})</summary>").AppendLine();
        }

        foreach (var warning in warnings)
        {
            md.AppendLine($"- **{warning.Kind.ToString().ToLowerInvariant()}** {Escape(warning.Subject)}: {Escape(warning.Message)}");
        }

        if (warnings.Count > 0)
        {
            md.AppendLine().AppendLine("</details>");
        }

        // Only for files that carry counters: one written before them renders as it always did.
        var why = data.Groups.Select(g => new Why.WhyPanel(g)).ToList();
        if (why.Any(p => p.Missing is null))
        {
            md.AppendLine().AppendLine("## Why: the counters that differ most").AppendLine();
            foreach (var panel in why)
            {
                md.AppendLine($"- {Escape(panel.Sentence())}");
            }
        }

        md.AppendLine().AppendLine("## All cells").AppendLine();
        md.AppendLine($"<details><summary>{data.Cells.Count} cells: every figure of each</summary>").AppendLine();
        md.AppendLine("| Workload | Parameters | Strategy | W | Status | Median | 99% CI | CV | Items/s | Speedup vs W=1 (95% CI) | Efficiency vs W=1 (95% CI) | Effective cores | Peak memory |");
        md.AppendLine("| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var cell in data.Cells)
        {
            var parameters = string.Join(", ", cell.Cell.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            var status = cell.IsOk ? "ok" : $"{cell.Cell.Status}: {cell.Cell.Error}";
            var ci = cell.CiLowerNs is { } lo && cell.CiUpperNs is { } hi ? $"{Format.Duration(lo)} – {Format.Duration(hi)}" : Format.Missing;
            md.AppendLine($"| {Escape(cell.Workload)} | {Escape(parameters)} | {Escape(cell.Strategy)} | {cell.Workers} | {Escape(status)} | {Format.Duration(cell.MedianNs)} | {ci} | {Format.Percent(cell.CoefficientOfVariation)} | {Format.Rate(cell.ItemsPerSecond)} | {Format.Times(cell.SpeedupVsW1, cell.SpeedupInterval)} | {Format.Percent(cell.EfficiencyVsW1, cell.EfficiencyInterval)} | {Format.Number(cell.EffectiveCores)} | {Format.Bytes(cell.PeakMemoryBytes)} |");
        }

        md.AppendLine().AppendLine("</details>");
        md.AppendLine().AppendLine("Charts, fits and traces: open `index.html` beside this file.");
        return md.ToString();
    }
}
