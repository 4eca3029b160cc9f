using Bench.Compare.Verdicts;

namespace Bench.Compare.Formats;

/// <summary>One output format of <c>bench compare</c>. Every format states environment differences first.</summary>
public interface IReportFormat
{
    /// <summary>The --format value.</summary>
    string Name { get; }

    string Render(ComparisonReport report);
}

/// <summary>Every format by its --format name: one line per format.</summary>
public static class ReportFormats
{
    public static readonly IReadOnlyList<IReportFormat> All = [new TextFormat(), new MarkdownFormat(), new JsonFormat(), new JUnitFormat()];

    public static string Names => string.Join("|", All.Select(f => f.Name));

    public static IReportFormat? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
