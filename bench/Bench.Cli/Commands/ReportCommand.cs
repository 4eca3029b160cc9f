using System.CommandLine;
using Bench.Reports;
using Bench.Reports.Claims;

namespace Bench.Cli.Commands;

/// <summary><c>bench report RESULTS.json [--out DIR]</c>: render index.html, PNG charts, summary.md and results.csv.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var results = new Argument<string>("results") { Description = "a results.json written by bench run" };
        var outDir = new Option<string?>("--out") { Description = "output directory (default: report/ beside the results file)" };
        var threshold = Threshold();
        var filter = FilterOption.Create("only the cells whose key workload/strategy/wW/parameters matches this glob (repeatable)");
        var command = new Command("report", "render a results.json as HTML with PNG charts, Markdown, CSV and claims.json") { results, outDir, threshold, filter };
        command.SetAction(parse =>
        {
            // ResultsFile.Read turns a missing file, corrupt JSON or another schema into a
            // ResultsFileException, which Cli maps to one line and exit code 2.
            var options = Options(parse.GetValue(threshold));
            var report = ReportWriter.Write(parse.GetValue(results)!, parse.GetValue(outDir), options, FilterOption.Read(parse, filter));
            output.WriteLine($"bench report: {report.Charts.Count} charts in {report.Elapsed.TotalSeconds:F1} s");
            output.WriteLine(report.IndexHtml);
            return 0;
        });
        return command;
    }

    /// <summary>The <c>--threshold</c> of <c>bench report</c> and <c>bench run</c>.</summary>
    public static Option<string?> Threshold() => new("--threshold")
    {
        Description = $"practical threshold of the report's claims: a smaller difference is a tie (default {ClaimOptions.DefaultThreshold})",
    };

    /// <summary>The claim options of a <c>--threshold</c> value; a bad one is bad input (one line, exit 2).</summary>
    public static ClaimOptions Options(string? threshold)
    {
        try
        {
            return ClaimOptions.WithThreshold(threshold);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>
    /// The report step at the end of <c>bench run</c>: returns the line to print and whether the report was
    /// written whole. It never throws: the measurements are safe in results.json whatever happens here.
    /// </summary>
    public static (string Line, bool Written) AfterRun(string resultsPath, ClaimOptions options)
    {
        try
        {
            return ($"report: {ReportWriter.Write(resultsPath, options: options).IndexHtml}", true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ($"report: not written: {e.Message.Split('\n')[0]}; the results are safe: bench report {resultsPath} writes it", false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ($"report: not written ({e.GetType().Name}: {e.Message.Split('\n')[0]}); retry with bench report {resultsPath}", false);
        }
    }
}
