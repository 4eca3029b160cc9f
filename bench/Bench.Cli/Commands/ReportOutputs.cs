using Bench.Compare.Formats;
using Bench.Compare.Verdicts;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>--output [FORMAT=]FILE</c>, repeatable: a verdict report written in several formats by one invocation
/// (<c>--output markdown=summary.md --output junit=junit.xml</c>), so that a CI job compares once. A value
/// without a known <c>FORMAT=</c> prefix is a file in the <c>--format</c> format, as before.
/// </summary>
internal static class ReportOutputs
{
    public const string Description =
        "write the report to FILE in FORMAT (text|markdown|json|junit; default: --format's), e.g. --output junit=junit.xml; repeatable, " +
        "one format per file; a one-line summary then goes to stdout";

    public static IReadOnlyList<(IReportFormat Format, string Path)> Parse(IReadOnlyList<string>? values, IReportFormat defaultFormat)
    {
        var targets = new List<(IReportFormat Format, string Path)>();
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=');
            var named = equals > 0 ? ReportFormats.Find(value[..equals]) : null;
            var (format, path) = named is not null ? (named, value[(equals + 1)..]) : (defaultFormat, value);
            if (path.Length == 0)
            {
                throw new BadInputException($"--output {value} names no file; give FORMAT=FILE, e.g. --output {format.Name}=report.{format.Name}");
            }

            if (Directory.Exists(path))
            {
                throw new BadInputException($"--output {path} is a directory; give a file path, e.g. {System.IO.Path.Combine(path, "report." + format.Name)}");
            }

            if (targets.Any(t => System.IO.Path.GetFullPath(t.Path) == System.IO.Path.GetFullPath(path)))
            {
                throw new BadInputException($"--output {path} is given twice: one file per format");
            }

            targets.Add((format, path));
        }

        return targets;
    }

    /// <summary>Writes every target (each atomically); returns "markdown report in a.md, junit report in b.xml".</summary>
    public static string Write(IReadOnlyList<(IReportFormat Format, string Path)> targets, ComparisonReport report)
    {
        foreach (var (format, path) in targets)
        {
            AtomicFile.WriteAllText(path, format.Render(report));
        }

        return string.Join(", ", targets.Select(t => $"{t.Format.Name} report in {t.Path}"));
    }
}
