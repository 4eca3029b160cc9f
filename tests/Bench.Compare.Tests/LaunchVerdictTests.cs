using Bench.Compare.Verdicts;
using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>
/// Cells measured in several launches (bench run --launches): the launch is the unit of replication, so
/// drift between launches — a shared host's speed regimes — widens the interval instead of reading as a change.
/// </summary>
public class LaunchVerdictTests
{
    /// <summary>A cell whose launches have the given medians, 8 tight samples (±0.5%) each.</summary>
    private static CellResult Launched(params double[] launchMedians)
    {
        var samples = launchMedians.SelectMany((median, i) => TestRuns.Samples(median, n: 8, spread: 0.005, seed: i + 1)).ToArray();
        return TestRuns.Cell("sieve", "threads", 2, samples) with { LaunchSampleCounts = [.. launchMedians.Select(_ => 8)] };
    }

    private static CellComparison CompareOne(CellResult baseline, CellResult current) =>
        Assert.Single(Comparer.Compare(
            TestRuns.Input(TestRuns.Run([baseline])), TestRuns.Input(TestRuns.Run([current])), new ComparisonOptions()).Cells);

    [Fact]
    public void Drift_between_launches_is_not_a_slowdown()
    {
        // The baseline's launches met a steady host; the current run's met three different regimes.
        var baseline = Launched(100e6, 102e6, 104e6);
        var current = Launched(112e6, 125e6, 101e6);

        var byLaunch = CompareOne(baseline, current);
        Assert.NotEqual(Verdict.Slower, byLaunch.Verdict);
        Assert.Equal(Verdict.Unknown, byLaunch.Verdict);
        Assert.True(byLaunch.Statistics!.ByLaunch);
        Assert.Contains("over launches (3 baseline, 3 current)", byLaunch.Reason);

        // The same samples without their launch structure: a test over samples calls it a slowdown.
        var bySample = CompareOne(baseline with { LaunchSampleCounts = null }, current with { LaunchSampleCounts = null });
        Assert.True(bySample.Verdict == Verdict.Slower, bySample.Reason);
    }

    [Fact]
    public void Json_output_says_how_many_launches_each_side_had()
    {
        var report = Comparer.Compare(
            TestRuns.Input(TestRuns.Run([Launched(100e6, 101e6, 99.5e6)])),
            TestRuns.Input(TestRuns.Run([Launched(110e6, 111e6)])),
            new ComparisonOptions());
        using var document = System.Text.Json.JsonDocument.Parse(new Formats.JsonFormat().Render(report));
        var statistics = document.RootElement.GetProperty("cells")[0].GetProperty("statistics");
        Assert.Equal(3, statistics.GetProperty("baselineLaunches").GetInt32());
        Assert.Equal(2, statistics.GetProperty("currentLaunches").GetInt32());
    }

    [Fact]
    public void A_ten_percent_slowdown_in_every_launch_is_slower()
    {
        var cell = CompareOne(Launched(100e6, 101e6, 99.5e6), Launched(110e6, 111e6, 109.5e6));
        Assert.Equal(Verdict.Slower, cell.Verdict);
        Assert.InRange(cell.Statistics!.Ratio, 1.09, 1.11);
        Assert.True(cell.Statistics.RatioLower > 1.05);
    }

    [Fact]
    public void Launches_that_agree_are_the_same()
    {
        var cell = CompareOne(Launched(100e6, 100.6e6, 99.7e6), Launched(100.3e6, 99.8e6, 100.9e6));
        Assert.True(cell.Verdict is Verdict.Same or Verdict.Noise, cell.Reason);
        Assert.InRange(cell.Statistics!.RatioLower, 0.95, 1.0);
        Assert.InRange(cell.Statistics.RatioUpper, 1.0, 1.05);
    }

    [Fact]
    public void One_launch_against_several_uses_the_spread_of_the_several()
    {
        // A baseline of three launches that drift by 20%, a current run of one launch 20% slower than their mean.
        var cell = CompareOne(Launched(100e6, 120e6, 110e6), TestRuns.Cell("sieve", "threads", 2, TestRuns.Samples(132e6, n: 8, spread: 0.005)));
        Assert.True(cell.Statistics!.ByLaunch);
        Assert.Equal(1, cell.Statistics.CurrentLaunches);
        Assert.NotEqual(Verdict.Slower, cell.Verdict);

        // Against three steady launches, the same single launch is a slowdown.
        var steady = CompareOne(Launched(110e6, 110.5e6, 109.6e6), TestRuns.Cell("sieve", "threads", 2, TestRuns.Samples(132e6, n: 8, spread: 0.005)));
        Assert.Equal(Verdict.Slower, steady.Verdict);
    }

    [Fact]
    public void Launch_counts_that_do_not_add_up_are_a_corrupt_file()
    {
        var bad = Launched(100e6, 100e6) with { LaunchSampleCounts = [8, 9] };
        var error = Assert.Throws<ResultsFileException>(() => TestRuns.Input(TestRuns.Run([bad]), "bad.json"));
        Assert.Contains("bad.json", error.Message);
        Assert.Contains("launchSampleCounts [8, 9] do not add up to its 16 samples", error.Message);
    }
}
