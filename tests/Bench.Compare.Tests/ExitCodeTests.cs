using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>Exit codes through the real command tree (<c>Cli.Run</c>), in process.</summary>
public class ExitCodeTests
{
    private static (int Code, string Out, string Err) Bench(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string WriteRun(TempDirectory temp, string name, double median, string cpu = "Test CPU") =>
        TestRuns.Write(temp.Path, name, TestRuns.Run(
        [
            TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6)),
            TestRuns.Cell("sleep", "threads", 2, TestRuns.Samples(median, seed: 7)),
        ], cpu: cpu));

    [Fact]
    public void No_regression_exits_0()
    {
        using var temp = new TempDirectory();
        var (code, output, _) = Bench("compare", WriteRun(temp, "a.json", 100e6), WriteRun(temp, "b.json", 100e6));
        Assert.Equal(0, code);
        Assert.Contains("PASS", output);
    }

    [Fact]
    public void A_slower_cell_exits_1_and_names_it()
    {
        using var temp = new TempDirectory();
        var (code, output, _) = Bench("compare", WriteRun(temp, "a.json", 100e6), WriteRun(temp, "b.json", 130e6));
        Assert.Equal(1, code);
        Assert.Contains("FAIL: sleep threads W=2", output);
    }

    [Fact]
    public void Filter_compares_only_the_cells_it_selects()
    {
        using var temp = new TempDirectory();
        var baseline = WriteRun(temp, "a.json", 100e6);
        var current = WriteRun(temp, "b.json", 130e6); // sleep threads W=2 is slower, square is not
        var (code, output, _) = Bench("compare", baseline, current, "--filter", "square/*");
        Assert.Equal(0, code);
        Assert.Contains("square", output);
        Assert.DoesNotContain("sleep threads", output);
        Assert.Equal(1, Bench("compare", baseline, current, "--filter", "square/*", "--filter", "sleep/threads/2").Code);

        var (badCode, _, error) = Bench("compare", baseline, current, "--filter", "nope/*");
        Assert.Equal(2, badCode);
        Assert.Contains("--filter nope/* selects none of the 2 cells", error);
    }

    [Fact]
    public void A_faster_cell_exits_0_unless_fail_on_any()
    {
        using var temp = new TempDirectory();
        var baseline = WriteRun(temp, "a.json", 100e6);
        var current = WriteRun(temp, "b.json", 70e6);
        Assert.Equal(0, Bench("compare", baseline, current).Code);
        Assert.Equal(1, Bench("compare", baseline, current, "--fail-on", "any").Code);
    }

    [Fact]
    public void A_run_directory_is_accepted_for_its_results_json()
    {
        using var temp = new TempDirectory();
        WriteRun(temp, "results.json", 100e6);
        Assert.Equal(0, Bench("compare", temp.Path, temp.File("results.json")).Code);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "missing", "results file not found" },
        { "{ not json", "is not valid JSON" },
        { "{\"schema\": \"bench-results/999\", \"cells\": []}", "has schema \"bench-results/999\"" },
        { "{\"hello\": 1}", "is neither a bench results.json" },
        { "[1, 2, 3]", "is neither a bench results.json" },
        { "{\"schema\": \"bench-results/1\", \"cells\": 5}", "does not match bench-results/1" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Missing_corrupt_or_unknown_input_exits_2_with_one_line(string content, string expected)
    {
        using var temp = new TempDirectory();
        var bad = temp.File("bad.json");
        if (content != "missing")
        {
            File.WriteAllText(bad, content);
        }

        var (code, output, error) = Bench("compare", WriteRun(temp, "a.json", 100e6), bad);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--threshold", "abc")]
    [InlineData("--threshold", "5")]
    [InlineData("--noise", "-1%")]
    [InlineData("--alpha", "2")]
    [InlineData("--format", "html")]
    [InlineData("--fail-on", "faster")]
    [InlineData("--correction", "bonferroni")]
    public void Bad_options_exit_2_with_one_line(string option, string value)
    {
        using var temp = new TempDirectory();
        var path = WriteRun(temp, "a.json", 100e6);
        var (code, _, error) = Bench("compare", path, path, option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Different_environments_warn_and_strict_env_exits_2()
    {
        using var temp = new TempDirectory();
        var baseline = WriteRun(temp, "a.json", 100e6, cpu: "CPU one");
        var current = WriteRun(temp, "b.json", 100e6, cpu: "CPU two");
        var lenient = Bench("compare", baseline, current);
        Assert.Equal(0, lenient.Code);
        Assert.StartsWith("WARNING: baseline and current ran in different environments", lenient.Out);
        Assert.Contains("cpu: 'CPU one' vs 'CPU two'", lenient.Err);

        var strict = Bench("compare", baseline, current, "--strict-env");
        Assert.Equal(2, strict.Code);
        Assert.Contains("--strict-env", strict.Err);
        Assert.Single(strict.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_injected_slowdown_is_named_at_the_top_and_is_not_a_machine_difference()
    {
        using var temp = new TempDirectory();
        var baseline = WriteRun(temp, "a.json", 100e6);
        var slowed = TestRuns.Run([TestRuns.Cell("sleep", "threads", 2, TestRuns.Samples(130e6, seed: 7))]);
        var current = TestRuns.Write(temp.Path, "b.json", slowed with { Environment = slowed.Environment with { InjectedSlowdown = "sleep:30%" } });

        var (code, output, error) = Bench("compare", baseline, current, "--strict-env");
        Assert.Equal(1, code); // the regression, not "different machines"
        Assert.Contains("injected slowdown (BENCH_INJECT_SLOWDOWN): 'none' vs 'sleep:30%'", output);
        Assert.Contains("sleep:30%", error);
    }

    [Fact]
    public void Output_file_gets_the_report_and_stdout_one_summary_line()
    {
        using var temp = new TempDirectory();
        var report = temp.File("out/report.md");
        var (code, output, _) = Bench("compare", WriteRun(temp, "a.json", 100e6), WriteRun(temp, "b.json", 130e6), "--format", "markdown", "--output", report);
        Assert.Equal(1, code);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Contains("## bench compare: ❌", File.ReadAllText(report));
    }

    [Fact]
    public void Results_file_exception_is_what_a_reader_throws()
    {
        // Guards the mapping the command relies on: bad input from the reader is a ResultsFileException (exit 2).
        Assert.Throws<ResultsFileException>(() => Inputs.InputReader.Parse("{}", "x.json"));
    }
}
