using System.CommandLine;
using System.Globalization;
using Bench.Compare;
using Bench.Compare.Formats;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary>
/// The options of a regression gate and its report, shared by <c>bench compare</c> and <c>bench ab</c>:
/// --threshold, --noise, --alpha, --fail-on, --correction decide the verdicts; --format and --output say
/// where the report goes. One definition, so that both commands judge and report alike.
/// </summary>
internal sealed class GateOptions
{
    private readonly Option<string> _threshold = new("--threshold") { Description = "smallest change that counts: a percentage (5%) or a time (2ms)", DefaultValueFactory = _ => "5%" };
    private readonly Option<string> _noise = new("--noise") { Description = "changes within this are noise: a percentage (1%) or a time", DefaultValueFactory = _ => "1%" };
    private readonly Option<string> _alpha = new("--alpha") { Description = "significance level of the tests (over all cells together with --correction bh)", DefaultValueFactory = _ => "0.01" };
    private readonly Option<string> _format = new("--format") { Description = $"{ReportFormats.Names}", DefaultValueFactory = _ => "text" };
    private readonly Option<string[]> _output = new("--output") { Description = ReportOutputs.Description };
    private readonly Option<string> _failOn = new("--fail-on") { Description = "slower | any: what makes the exit code 1", DefaultValueFactory = _ => "slower" };
    private readonly Option<string> _correction = new("--correction")
    {
        Description = "bh | none: adjust the cells' p-values for their number (Benjamini-Hochberg), or test each cell at alpha alone",
        DefaultValueFactory = _ => Correction.BenjaminiHochberg.Name(),
    };

    public IEnumerable<Option> All => [_threshold, _noise, _alpha, _format, _output, _failOn, _correction];

    /// <summary>The gate as given; bad values throw <see cref="BadInputException"/>.</summary>
    public (ComparisonOptions Options, IReportFormat Format, IReadOnlyList<(IReportFormat Format, string Path)> Targets) Read(ParseResult parse)
    {
        var options = new ComparisonOptions
        {
            Threshold = Threshold(parse.GetValue(_threshold)!, "--threshold"),
            Noise = Threshold(parse.GetValue(_noise)!, "--noise"),
            Alpha = Alpha(parse.GetValue(_alpha)!),
            FailOn = parse.GetValue(_failOn)!.ToLowerInvariant() switch
            {
                "slower" => FailOn.Slower,
                "any" => FailOn.Any,
                var other => throw new BadInputException($"--fail-on '{other}' is not a choice; valid: slower, any"),
            },
            Correction = CorrectionNames.Parse(parse.GetValue(_correction)!)
                ?? throw new BadInputException($"--correction '{parse.GetValue(_correction)!.ToLowerInvariant()}' is not a choice; valid: {CorrectionNames.Valid}"),
        };
        var formatName = parse.GetValue(_format)!;
        var renderer = ReportFormats.Find(formatName)
            ?? throw new BadInputException($"--format '{formatName}' is not a format; valid: {ReportFormats.Names.Replace('|', ',')}");

        return (options, renderer, ReportOutputs.Parse(parse.GetValue(_output), renderer));
    }

    /// <summary>Renders the report to stdout, or to the --output files with a one-line summary on stdout.</summary>
    public static void Write(
        ComparisonReport report, IReportFormat renderer, IReadOnlyList<(IReportFormat Format, string Path)> targets, string command, TextWriter output)
    {
        if (targets.Count == 0)
        {
            output.Write(renderer.Render(report));
            return;
        }

        var written = ReportOutputs.Write(targets, report);
        var failing = report.Failing.Select(c => c.Name).ToList();
        output.WriteLine($"{command}: {report.Cells.Count} cells: {report.CountsLine}; " +
                         (failing.Count > 0 ? $"FAIL: {string.Join("; ", failing)}" : "PASS") + $"; {written}");
    }

    private static ChangeThreshold Threshold(string text, string option) =>
        ChangeThreshold.TryParse(text, out var threshold, out var problem) ? threshold! : throw new BadInputException($"{option} {problem}");

    internal static double Alpha(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0 && value < 0.5))
        {
            throw new BadInputException($"--alpha '{text}' must be a probability between 0 and 0.5, e.g. 0.01");
        }

        return value;
    }
}
