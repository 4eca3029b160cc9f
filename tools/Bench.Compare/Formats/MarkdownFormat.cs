using System.Text;
using Bench.Compare.Verdicts;
using Bench.Results.Text;

namespace Bench.Compare.Formats;

/// <summary>
/// Markdown for a pull request or <c>$GITHUB_STEP_SUMMARY</c>: the environment warning, the outcome,
/// the geometric mean of the ratios, then one table row per cell with the worst regressions first.
/// </summary>
public sealed class MarkdownFormat : IReportFormat
{
    public string Name => "markdown";

    public string Render(ComparisonReport report)
    {
        var md = new StringBuilder();
        if (report.EnvironmentDifferences.Count > 0)
        {
            md.AppendLine("> [!WARNING]");
            md.AppendLine("> Baseline and current ran in different environments; timings may not be comparable:");
            foreach (var difference in report.EnvironmentDifferences)
            {
                md.AppendLine($"> - {MarkdownText.Escape(difference.Field)}: {MarkdownText.Escape(difference.Baseline)} → {MarkdownText.Escape(difference.Current)}");
            }

            md.AppendLine();
        }

        var failing = report.Failing;
        md.AppendLine(failing.Count > 0
            ? $"## {report.Command}: ❌ {failing.Count} cell{(failing.Count == 1 ? "" : "s")} failed the gate"
            : $"## {report.Command}: ✅ no regression");
        md.AppendLine();
        var options = report.Options;
        md.AppendLine($"Baseline {MarkdownText.Escape(report.BaselineSource)}{Display.History(report.EarlierBaselineSources)} vs current {MarkdownText.Escape(report.CurrentSource)}. " +
                      $"Threshold {MarkdownText.Escape(options.Threshold.Text)}, noise {MarkdownText.Escape(options.Noise.Text)}, {Display.Alpha(options, report.Cells.Count(c => c.Statistics is not null))}, fail on {options.FailOn.ToString().ToLowerInvariant()}.");
        md.AppendLine();
        var geometricMean = report.GeometricMeanRatio;
        if (geometricMean is not null)
        {
            md.AppendLine($"**Geometric mean of ratios: {Display.Ratio(geometricMean.Value)} ({Display.Change(geometricMean.Value)})** · {report.Cells.Count} cells: {report.CountsLine}");
        }
        else
        {
            md.AppendLine($"{report.Cells.Count} cells: {report.CountsLine}");
        }

        md.AppendLine();
        md.AppendLine("| verdict | cell | baseline | current | change | CI | p | reason |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var cell in report.WorstFirst)
        {
            var s = cell.Statistics;
            var verdict = report.Fails(cell) ? $"**{cell.Verdict.Name()}**" : cell.Verdict.Name();
            md.AppendLine(
                $"| {verdict} | {MarkdownText.Escape(cell.Name)} | " +
                $"{(s is null ? "–" : Display.Time(s.BaselineMedianNs))} | {(s is null ? "–" : Display.Time(s.CurrentMedianNs))} | " +
                $"{(s is null ? "–" : Display.Change(s.Ratio))} | {(s is null ? "–" : MarkdownText.Escape(Display.Interval(s)))} | " +
                $"{(s is null ? "–" : Display.P(Display.BestP(s)))} | {MarkdownText.Escape(cell.Reason)} |");
        }

        var counters = report.WorstFirst.Where(c => c.CounterChanges is not null).ToList();
        if (counters.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Counter changes (informational, not a gate):");
            md.AppendLine();
            foreach (var cell in counters)
            {
                md.AppendLine($"- {MarkdownText.Escape(cell.Name)}: {MarkdownText.Escape(cell.CounterChanges!)}");
            }
        }

        md.AppendLine();
        md.AppendLine("Medians per side; change and CI are the Hodges-Lehmann ratio current/baseline and its interval; p is Mann-Whitney's (one-sided, the direction of the change) for a change beyond the noise threshold, adjusted over the cells compared (Benjamini-Hochberg) unless --correction none. " +
                      "Where a reason says \"over launches\" or \"over runs\", the medians are geometric means of the launches' or runs' medians, and change, CI and p come from a Student t test on those instead. " +
                      "Where it says \"over N paired rounds\" (bench ab), the change is the mean of the rounds' log ratios B/A of the two launch medians, the CI Student t on them, and p from t on them (\"t\") or from a Wilcoxon signed-rank test (\"wilcoxon\").");
        return md.ToString();
    }
}
