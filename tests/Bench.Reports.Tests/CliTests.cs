using Xunit;

namespace Bench.Reports.Tests;

/// <summary><c>bench report</c> through the real command tree (Cli.Run), in-process.</summary>
public class CliTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Report_command_writes_the_report_and_prints_its_path_last()
    {
        var directory = Fixtures.OutputDirectory("cli");
        var (code, stdout, stderr) = Run("report", Fixtures.Full, "--out", directory);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(Path.Combine(directory, "index.html"), stdout.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Filter_renders_only_the_cells_it_selects()
    {
        var directory = Fixtures.OutputDirectory("cli-filter");
        var (code, _, stderr) = Run("report", Fixtures.Full, "--out", directory, "--filter", "sleep/threads/*");
        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(Path.Combine(directory, "results.csv")).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.StartsWith("sleep,", row));
        Assert.All(rows, row => Assert.Contains(",threads,", row));

        (code, _, stderr) = Run("report", Fixtures.Full, "--out", directory, "--filter", "nope/*");
        Assert.Equal(2, code);
        Assert.Contains("--filter nope/* selects none of the", stderr);
    }

    [Fact]
    public void Missing_file_is_exit_2_with_one_line() => AssertBadInput("not found", Path.Combine(Path.GetTempPath(), "no-such-dir", "results.json"));

    [Fact]
    public void Corrupt_json_is_exit_2_with_one_line() => AssertBadInput("not valid JSON", Write("{ \"schema\": \"bench-results/1\", \"cells\": [ "));

    [Fact]
    public void Another_schema_is_exit_2_with_one_line() => AssertBadInput("schema \"bench-results/0\"", Write("{ \"schema\": \"bench-results/0\" }"));

    [Fact]
    public void Right_schema_wrong_shape_is_exit_2_with_one_line() => AssertBadInput("does not match", Write("{ \"schema\": \"bench-results/1\", \"cells\": 5 }"));

    [Fact]
    public void Threshold_that_is_a_time_is_exit_2_with_one_line()
    {
        var (code, stdout, stderr) = Run("report", Fixtures.Full, "--out", Path.Combine(Path.GetTempPath(), "bench-report-bad-input"), "--threshold", "2ms");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("give a percentage", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_that_is_not_a_threshold_is_exit_2_with_one_line()
    {
        var (code, _, stderr) = Run("report", Fixtures.Full, "--out", Path.Combine(Path.GetTempPath(), "bench-report-bad-input"), "--threshold", "lots");
        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("'lots' is not a threshold", stderr, StringComparison.Ordinal);
    }

    private static void AssertBadInput(string expected, string path)
    {
        int code;
        string stdout, stderr;
        try
        {
            (code, stdout, stderr) = Run("report", path, "--out", Path.Combine(Path.GetTempPath(), "bench-report-bad-input"));
        }
        finally
        {
            if (File.Exists(path))
            {
                File.Delete(path); // the test's own input file, not left in /tmp
            }
        }

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-report-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Bench.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString().Replace("\r", "", StringComparison.Ordinal), stderr.ToString().Replace("\r", "", StringComparison.Ordinal));
    }
}
