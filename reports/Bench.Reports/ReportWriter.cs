using System.Diagnostics;
using Bench.Reports.Charts;
using Bench.Reports.Claims;
using Bench.Reports.Csv;
using Bench.Reports.Guide;
using Bench.Reports.Html;
using Bench.Reports.Markdown;
using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports;

/// <summary>What <see cref="ReportWriter"/> wrote.</summary>
public sealed record ReportOutput(string Directory, string IndexHtml, string SummaryMarkdown, string Csv, IReadOnlyList<string> Charts, TimeSpan Elapsed)
{
    /// <summary>claims.json: every claim the report makes, as data.</summary>
    public string ClaimsJson => Path.Combine(Directory, ClaimSet.FileName);
}

/// <summary>
/// The reporter: results.json in; index.html, the PNG charts beside it, summary.md, claims.json and results.csv out.
/// It reads nothing but the results, so it renders any run, from this machine or another.
/// </summary>
public static class ReportWriter
{
    /// <summary>Reads <paramref name="resultsPath"/> (bad input throws <see cref="ResultsFileException"/>) and writes the report; by default into report/ beside it.</summary>
    /// <param name="filter">Only the cells it selects (<c>bench report --filter</c>); null: all.</param>
    public static ReportOutput Write(string resultsPath, string? outDirectory = null, ClaimOptions? options = null, CellFilter? filter = null)
    {
        var results = ResultsFile.Read(resultsPath);
        if (filter is not null)
        {
            var selected = results.Cells.Where(filter.Matches).ToList();
            results = selected.Count > 0
                ? results with { Cells = selected }
                : throw new ResultsFileException($"--filter {filter} selects none of the {results.Cells.Count} cells of {resultsPath}");
        }

        var directory = outDirectory ?? DefaultDirectory(resultsPath);
        return Write(results, directory, options);
    }

    public static string DefaultDirectory(string resultsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, "report");

    public static ReportOutput Write(RunResults results, string outDirectory, ClaimOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        var directory = Path.GetFullPath(outDirectory);
        if (File.Exists(directory))
        {
            throw new IOException($"--out {outDirectory} is a file, not a directory");
        }

        Directory.CreateDirectory(directory);
        // Charts of an earlier report in the same folder would otherwise linger beside the new page; only
        // the files that report listed as its own go, never a user's.
        var manifest = new ReportManifest(directory);
        manifest.RemoveEarlier();

        var data = new ReportData(results, options);
        var headline = Headline.Compute(data);
        var guide = new GuideTable(data);
        var warnings = ReportWarnings.Collect(data);
        var charts = ChartSet.Draw(data, directory);

        var index = Path.Combine(directory, "index.html");
        var summary = Path.Combine(directory, "summary.md");
        var csv = Path.Combine(directory, "results.csv");
        var claims = Path.Combine(directory, ClaimSet.FileName);
        AtomicFile.WriteAllText(index, HtmlReport.Render(data, headline, guide, charts, warnings));
        AtomicFile.WriteAllText(summary, MarkdownSummary.Render(data, headline, guide, warnings));
        AtomicFile.WriteAllText(csv, CsvExport.Render(data));
        AtomicFile.WriteAllText(claims, ClaimSet.Render(ClaimSet.Collect(data, headline, guide), data.Options));
        var files = charts.SelectMany(g => g.Charts).Select(c => c.FileName).OfType<string>().Select(f => Path.Combine(directory, f)).ToList();
        manifest.Record([index, summary, csv, claims, .. files]);
        return new ReportOutput(directory, index, summary, csv, files, clock.Elapsed);
    }
}
