using System.Text;
using Bench.Compare.Verdicts;

namespace Bench.Compare.Formats;

/// <summary>A plain console table, worst cells first.</summary>
public sealed class TextFormat : IReportFormat
{
    public string Name => "text";

    public string Render(ComparisonReport report)
    {
        var text = new StringBuilder();
        if (report.EnvironmentDifferences.Count > 0)
        {
            text.AppendLine("WARNING: baseline and current ran in different environments; timings may not be comparable:");
            foreach (var difference in report.EnvironmentDifferences)
            {
                text.AppendLine($"  {Display.OneLine(difference.ToString())}");
            }
        }

        var options = report.Options;
        text.AppendLine($"{report.Command}: baseline {Display.OneLine(report.BaselineSource)} ({report.BaselineKind}){Display.History(report.EarlierBaselineSources)} vs current {Display.OneLine(report.CurrentSource)} ({report.CurrentKind})");
        text.AppendLine($"threshold {options.Threshold}, noise {options.Noise}, {Display.Alpha(options, report.Cells.Count(c => c.Statistics is not null))}, fail on {options.FailOn.ToString().ToLowerInvariant()}");
        text.AppendLine();

        var rows = new List<string[]> { new[] { "verdict", "cell", "baseline", "current", "change", "CI", "p", "reason" } };
        foreach (var cell in report.WorstFirst)
        {
            var s = cell.Statistics;
            rows.Add(
            [
                cell.Verdict.Name() + (report.Fails(cell) ? " !" : ""),
                Display.OneLine(cell.Name),
                s is null ? "-" : Display.Time(s.BaselineMedianNs),
                s is null ? "-" : Display.Time(s.CurrentMedianNs),
                s is null ? "-" : Display.Change(s.Ratio),
                s is null ? "-" : Display.Interval(s),
                s is null ? "-" : Display.P(Display.BestP(s)),
                Display.OneLine(cell.Reason),
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length - 1).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 2));
            }

            text.AppendLine(row[^1]);
        }

        text.AppendLine();
        var counters = report.WorstFirst.Where(c => c.CounterChanges is not null).ToList();
        if (counters.Count > 0)
        {
            text.AppendLine("counter changes (informational, not a gate):");
            foreach (var cell in counters)
            {
                text.AppendLine($"  {Display.OneLine(cell.Name)}: {Display.OneLine(cell.CounterChanges!)}");
            }

            text.AppendLine();
        }

        var geometricMean = report.GeometricMeanRatio;
        if (geometricMean is not null)
        {
            text.AppendLine($"geometric mean of ratios: {Display.Ratio(geometricMean.Value)} ({Display.Change(geometricMean.Value)})");
        }

        text.AppendLine($"{report.Cells.Count} cells: {report.CountsLine}");
        text.AppendLine(report.ExitCode == ComparisonReport.ExitRegression
            ? $"FAIL: {string.Join("; ", report.Failing.Select(c => $"{Display.OneLine(c.Name)} ({c.Verdict.Name()})"))}"
            : "PASS: no regression");
        return text.ToString();
    }
}
