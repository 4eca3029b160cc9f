namespace Bench.Reports.Charts;

/// <summary>
/// A chart of the report: a PNG beside index.html, or — when the data for it is not in results.json —
/// no file and a <see cref="Missing"/> note saying why, so the page never shows an empty panel.
/// </summary>
public sealed record ChartImage(string Title, string? FileName, string Caption, string? Missing = null)
{
    public static ChartImage Absent(string title, string why) => new(title, null, "", why);
}
