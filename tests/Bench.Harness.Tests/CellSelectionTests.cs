using Bench.Results;

namespace Bench.Harness.Tests;

/// <summary><c>bench run --filter/--list/--dry</c>, the entry point's help and version, through the real command tree.</summary>
public class CellSelectionTests
{
    private static (int Code, string Out, string Err) Bench(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("sieve/process-pool/*", "sieve|process-pool|w4|items=32;n=10", true)]
    [InlineData("sieve/process-pool/*", "sieve|threads|w4|items=32;n=10", false)]
    [InlineData("sleep/threads/w2", "sleep|threads|w2|items=32;ms=20", true)]
    [InlineData("sleep/threads/2", "sleep|threads|w2|items=32;ms=20", true)]
    [InlineData("sleep/threads/2", "sleep|threads|w24|items=32;ms=20", false)]
    [InlineData("*/w1/*ms=20", "sleep|threads|w1|items=32;ms=20", true)]
    [InlineData("SQUARE/*", "square|threads|w1|items=64", true)]
    [InlineData("*gil=on*", "sieve|threads|w1|gil=on;items=8", true)]
    [InlineData("sieve/thread?/w1", "sieve|threads|w1|items=8", true)]
    [InlineData("sieve.threads", "sieve|threads|w1|items=8", false)] // the dot is a dot, not a regex wildcard
    public void A_glob_matches_the_cell_key_as_a_path(string glob, string key, bool expected) =>
        Assert.Equal(expected, CellFilter.Of([glob])!.Matches(key));

    [Fact]
    public void Filters_are_or_ed_and_none_is_everything()
    {
        var filter = CellFilter.Of(["square/*", "sleep/threads/w2"])!;
        Assert.True(filter.Matches("square|processes|w8|items=64"));
        Assert.True(filter.Matches("sleep|threads|w2|items=32;ms=20"));
        Assert.False(filter.Matches("sleep|threads|w4|items=32;ms=20"));
        Assert.Null(CellFilter.Of([]));
        Assert.Null(CellFilter.Of(null));
    }

    [Fact]
    public void List_prints_the_selected_cells_and_an_estimate_and_writes_nothing()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-list-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = Bench("run", "--list", "--profile", "quick", "--filter", "sieve/process-pool/*", "--filter", "square/threads/w1", "--workers", "1,2", "--out", outDirectory);
        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(4, lines.Count);
        // In plan order (workload, strategy, W), not the filters' order.
        Assert.StartsWith("square/threads/w1/items=", lines[0]);
        Assert.StartsWith("sieve/process-pool/w1/", lines[1]);
        Assert.StartsWith("sieve/process-pool/w2/", lines[2]);
        Assert.Matches(@"^3 cells, profile quick: estimated at most ≈ \d+ s", lines[^1]);
        Assert.False(Directory.Exists(outDirectory), "--list made the run directory");
    }

    [Fact]
    public void A_filter_that_selects_nothing_is_bad_input_naming_the_key_form()
    {
        var (code, _, error) = Bench("run", "--list", "--filter", "nope/*");
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--filter nope/* selects none of the", error);
        Assert.Contains("workload/strategy/wW/parameters", error);
    }

    [Fact]
    public void List_and_dry_do_not_combine_with_resume()
    {
        var (code, _, error) = Bench("run", "--dry", "--resume", Path.GetTempPath());
        Assert.Equal(2, code);
        Assert.Contains("does not combine with --resume", error);
    }

    [Fact]
    public void Dry_validates_each_cell_once_and_times_nothing()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-dry-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = Bench("run", "--dry", "--profile", "quick", "--filter", "square/*/w2", "--filter", "sleep/threadpool-async/w2", "--out", outDirectory);
        Assert.True(code == 0, output + error);
        foreach (var label in new[] { "square threads W=2: valid", "square threadpool W=2: valid", "square processes W=2: valid", "square process-pool W=2: valid", "sleep threadpool-async W=2: valid" })
        {
            Assert.Contains(label, output);
        }

        Assert.Contains("5 valid, 0 failed or invalid", output);
        Assert.DoesNotContain("median", output);
        Assert.False(Directory.Exists(outDirectory), "--dry made the run directory");
    }

    [Fact]
    public void The_top_level_help_lists_every_subcommand_and_the_exit_codes()
    {
        var (code, output, _) = Bench("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "list", "cell", "compare", "report", "calibrate", "history" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", output);
        }

        foreach (var exit in new[] { "0 ok", "1 ", "2 bad input", "70 internal error", "130/143" })
        {
            Assert.Contains(exit, output);
        }
    }

    [Fact]
    public void Cell_help_prints_its_usage_and_version_prints_the_version()
    {
        var (code, output, _) = Bench("cell", "--help");
        Assert.Equal(0, code);
        Assert.Contains("cell [options]", output);
        Assert.Contains("--spec", output);

        (code, output, _) = Bench("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }
}
