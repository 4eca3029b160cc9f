using Bench.Compare.Verdicts;
using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>
/// A baseline history (several baseline runs, oldest first): the run is the unit of replication, so a
/// speed regime that lasts a whole run — which launches within one run cannot see — is judged against
/// the spread between earlier runs instead of reading as a change.
/// </summary>
public class HistoryVerdictTests
{
    /// <summary>A run of one sieve cell: one launch of 8 tight samples (±0.5%) around <paramref name="median"/>, or several launches.</summary>
    private static RunResults RunAt(params double[] launchMedians)
    {
        var samples = launchMedians.SelectMany((m, i) => TestRuns.Samples(m, n: 8, spread: 0.005, seed: i + 1)).ToArray();
        var cell = TestRuns.Cell("sieve", "threads", 2, samples);
        return TestRuns.Run([launchMedians.Length > 1 ? cell with { LaunchSampleCounts = [.. launchMedians.Select(_ => 8)] } : cell]);
    }

    private static ComparisonReport Compare(IEnumerable<RunResults> baselines, RunResults current) =>
        Comparer.Compare(baselines.Select((r, i) => TestRuns.Input(r, $"run{i + 1}.json")).ToList(), TestRuns.Input(current, "current.json"), new ComparisonOptions());

    private static CellComparison CompareOne(IEnumerable<RunResults> baselines, RunResults current) => Assert.Single(Compare(baselines, current).Cells);

    [Fact]
    public void A_whole_run_regime_the_history_has_seen_is_not_a_slowdown()
    {
        // Five baseline runs on a host whose speed differs from run to run by ±10%; the current run is in a slow regime.
        var history = new[] { 100e6, 118e6, 95e6, 110e6, 104e6 }.Select(m => RunAt(m)).ToList();
        var current = RunAt(117e6);

        var byRun = CompareOne(history, current);
        Assert.NotEqual(Verdict.Slower, byRun.Verdict);
        Assert.Equal(Verdict.Unknown, byRun.Verdict);
        Assert.Equal(5, byRun.Statistics!.BaselineRuns);
        Assert.Contains("over runs (5 baseline, 1 current)", byRun.Reason);
        Assert.Contains("too few baseline runs for the spread between them", byRun.Reason);

        // Against the newest baseline run alone, the same current run is +12.5% with tight samples: slower.
        var newestOnly = CompareOne([history[^1]], current);
        Assert.Equal(Verdict.Slower, newestOnly.Verdict);
        Assert.False(newestOnly.Statistics!.ByRun);
    }

    [Fact]
    public void A_slowdown_beyond_a_steady_history_is_slower()
    {
        var history = new[] { 100e6, 101e6, 99.5e6, 100.4e6, 100.2e6 }.Select(m => RunAt(m)).ToList();
        var cell = CompareOne(history, RunAt(112e6));
        Assert.Equal(Verdict.Slower, cell.Verdict);
        Assert.InRange(cell.Statistics!.Ratio, 1.11, 1.13);
        Assert.True(cell.Statistics.RatioLower > 1.05, cell.Reason);
    }

    [Fact]
    public void A_current_run_inside_a_steady_history_is_the_same()
    {
        var history = new[] { 100e6, 101e6, 99.5e6, 100.4e6, 100.2e6, 99.8e6 }.Select(m => RunAt(m)).ToList();
        var cell = CompareOne(history, RunAt(100.3e6));
        Assert.True(cell.Verdict is Verdict.Same or Verdict.Noise, cell.Reason);
        Assert.Equal(6, cell.Statistics!.BaselineRuns);
    }

    [Fact]
    public void Runs_with_launches_count_as_one_run_each()
    {
        // Within each run the launches agree (one regime per run); between runs they do not.
        var history = new[] { 100e6, 115e6, 96e6, 108e6 }.Select(m => RunAt(m, m * 1.005, m * 0.997)).ToList();
        var cell = CompareOne(history, RunAt(116e6, 116.5e6, 115.4e6));
        Assert.Equal(4, cell.Statistics!.BaselineRuns);
        Assert.False(cell.Statistics.ByLaunch);
        Assert.NotEqual(Verdict.Slower, cell.Verdict);

        // The launch-level test against the newest run alone sees +7% in every launch: slower.
        Assert.Equal(Verdict.Slower, CompareOne([history[^1]], RunAt(116e6, 116.5e6, 115.4e6)).Verdict);
    }

    [Fact]
    public void Earlier_runs_without_the_cell_or_with_it_failed_add_nothing()
    {
        var failed = TestRuns.Run([TestRuns.Cell("sieve", "threads", 2, [], status: CellStatus.Failed)]);
        var other = TestRuns.Run([TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6))]);
        var cell = CompareOne([RunAt(100e6), failed, other, RunAt(101e6)], RunAt(100.5e6));
        Assert.Equal(2, cell.Statistics!.BaselineRuns);

        // No earlier run has it: the newest baseline alone, as without a history.
        var alone = CompareOne([failed, other, RunAt(101e6)], RunAt(100.5e6));
        Assert.False(alone.Statistics!.ByRun);
    }

    [Fact]
    public void The_newest_baseline_decides_new_missing_and_failed()
    {
        var other = TestRuns.Run([TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6))]);
        var report = Compare([RunAt(100e6), RunAt(101e6), other], RunAt(100e6));
        Assert.Equal(Verdict.New, report.Cells.Single(c => c.Name.StartsWith("sieve", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Missing, report.Cells.Single(c => c.Name.StartsWith("square", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void An_earlier_run_from_another_machine_is_named_at_the_top()
    {
        var elsewhere = RunAt(100e6);
        elsewhere = elsewhere with { Environment = elsewhere.Environment with { Cpu = "Other CPU" } };
        var report = Compare([elsewhere, RunAt(101e6)], RunAt(100e6));
        var difference = Assert.Single(report.EnvironmentDifferences);
        Assert.Equal("cpu (earlier baseline run1.json)", difference.Field);
        Assert.Equal(["run1.json"], report.EarlierBaselineSources);
    }

    [Fact]
    public void Every_format_says_the_baseline_is_a_history()
    {
        var report = Compare(new[] { 100e6, 101e6, 99.5e6 }.Select(m => RunAt(m)), RunAt(100e6));
        Assert.Contains("with 2 earlier runs as its history", new Formats.TextFormat().Render(report));
        Assert.Contains("with 2 earlier runs as its history", new Formats.MarkdownFormat().Render(report));
        Assert.Contains("name=\"baseline.history.2\" value=\"run2.json\"", new Formats.JUnitFormat().Render(report));

        using var document = System.Text.Json.JsonDocument.Parse(new Formats.JsonFormat().Render(report));
        Assert.Equal(["run1.json", "run2.json"], document.RootElement.GetProperty("baselineHistory").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, document.RootElement.GetProperty("cells")[0].GetProperty("statistics").GetProperty("baselineRuns").GetInt32());
    }

    [Fact]
    public void The_command_takes_several_baselines_and_refuses_a_bad_one_with_exit_2()
    {
        using var temp = new TempDirectory();
        var history = new[] { 100e6, 101e6, 99.5e6, 100.4e6 }.Select((m, i) => TestRuns.Write(temp.Path, $"h{i}.json", RunAt(m))).ToList();
        var same = TestRuns.Write(temp.Path, "same.json", RunAt(100.2e6));
        var slower = TestRuns.Write(temp.Path, "slower.json", RunAt(115e6));

        var output = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["compare", .. history, same], output, new StringWriter()));
        Assert.Contains("with 3 earlier runs as its history", output.ToString());
        Assert.Equal(1, Cli.Cli.Run(["compare", .. history, slower], new StringWriter(), new StringWriter()));

        File.WriteAllText(temp.File("corrupt.json"), "{ not json");
        var error = new StringWriter();
        Assert.Equal(2, Cli.Cli.Run(["compare", history[0], temp.File("corrupt.json"), history[1], same], output = new StringWriter(), error));
        Assert.Contains("corrupt.json", error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Equal("", output.ToString());

        error = new StringWriter();
        Assert.Equal(2, Cli.Cli.Run(["compare", same], new StringWriter(), error));
        Assert.Contains("needs a BASELINE and a CURRENT", error.ToString());

        // The same run twice would show no spread between runs: a copy is refused like a repeated path.
        File.Copy(history[1], temp.File("copy.json"));
        foreach (var repeated in new[] { history[1], temp.File("copy.json") })
        {
            error = new StringWriter();
            Assert.Equal(2, Cli.Cli.Run(["compare", history[0], history[1], repeated, same], new StringWriter(), error));
            Assert.Contains($"{repeated} repeats the measurements of {history[1]}", error.ToString());
            Assert.Single(error.ToString().TrimEnd().Split('\n'));
        }
    }
}
