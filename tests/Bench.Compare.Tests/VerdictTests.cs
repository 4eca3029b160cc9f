using Bench.Compare.Verdicts;
using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

public class VerdictTests
{
    private static CellComparison CompareOne(double[] baseline, double[] current, ComparisonOptions? options = null)
    {
        var report = Comparer.Compare(
            TestRuns.Input(TestRuns.Run([TestRuns.Cell("square", "threads", 2, baseline)])),
            TestRuns.Input(TestRuns.Run([TestRuns.Cell("square", "threads", 2, current)])),
            options ?? new ComparisonOptions());
        return Assert.Single(report.Cells);
    }

    [Fact]
    public void A_twenty_percent_slowdown_is_slower()
    {
        var cell = CompareOne(TestRuns.Samples(100e6), TestRuns.Samples(120e6, seed: 2));
        Assert.Equal(Verdict.Slower, cell.Verdict);
        Assert.InRange(cell.Statistics!.Ratio, 1.18, 1.22);
        Assert.True(cell.Statistics.RatioLower > 1.0 && cell.Statistics.RatioUpper > cell.Statistics.Ratio);
        Assert.True(cell.Statistics.ShiftNs > 0 && cell.Statistics.ShiftLowerNs > 0);
    }

    [Fact]
    public void A_twenty_percent_speedup_is_faster()
    {
        var cell = CompareOne(TestRuns.Samples(100e6), TestRuns.Samples(80e6, seed: 2));
        Assert.Equal(Verdict.Faster, cell.Verdict);
        Assert.True(cell.Statistics!.ShiftNs < 0);
    }

    [Fact]
    public void Identical_samples_are_noise()
    {
        var samples = TestRuns.Samples(50e6);
        var cell = CompareOne(samples, samples);
        Assert.Equal(Verdict.Noise, cell.Verdict);
        Assert.Equal(1.0, cell.Statistics!.Ratio, 6);
    }

    [Fact]
    public void A_precise_two_percent_change_is_same_within_the_threshold()
    {
        // Tight samples: the 2% change is real and beyond the 1% noise threshold, but the interval proves it under 5%.
        var cell = CompareOne(TestRuns.Samples(100e6, n: 20, spread: 0.001), TestRuns.Samples(102e6, n: 20, spread: 0.001, seed: 3));
        Assert.Equal(Verdict.Same, cell.Verdict);
        Assert.True(cell.Statistics!.RatioLower > 1.01 && cell.Statistics.RatioUpper < 1.05);
    }

    [Fact]
    public void Three_identical_samples_a_side_are_unknown_never_same_or_noise()
    {
        var cell = CompareOne([10e6, 10e6, 10e6], [10e6, 10e6, 10e6]);
        Assert.Equal(Verdict.Unknown, cell.Verdict);
        Assert.Contains("too few samples", cell.Reason);
    }

    [Fact]
    public void One_sample_a_side_is_unknown()
    {
        var cell = CompareOne([10e6], [30e6]);
        Assert.Equal(Verdict.Unknown, cell.Verdict);
        Assert.Null(cell.Statistics);
    }

    [Fact]
    public void A_noisy_cell_whose_interval_reaches_past_the_threshold_is_unknown()
    {
        var cell = CompareOne(TestRuns.Samples(100e6, n: 8, spread: 0.4), TestRuns.Samples(103e6, n: 8, spread: 0.4, seed: 5));
        Assert.Equal(Verdict.Unknown, cell.Verdict);
        Assert.Contains("reaches past", cell.Reason);
    }

    [Fact]
    public void Quick_profile_eight_samples_a_side_can_decide_at_the_default_alpha()
    {
        // The quick profile measures 8 samples per cell: enough for alpha 0.01 (best p 1/12870), so a
        // clear slowdown is slower, not unknown.
        var cell = CompareOne(TestRuns.Samples(100e6, n: 8), TestRuns.Samples(115e6, n: 8, seed: 2));
        Assert.Equal(Verdict.Slower, cell.Verdict);
        Assert.True(cell.Statistics!.SmallestPossibleP < 0.01);
    }

    [Fact]
    public void Four_samples_a_side_cannot_reach_alpha_001_so_even_a_huge_change_is_unknown()
    {
        var cell = CompareOne([10e6, 10.1e6, 10.2e6, 10.3e6], [20e6, 20.1e6, 20.2e6, 20.3e6]);
        Assert.Equal(Verdict.Unknown, cell.Verdict);
        Assert.Contains("cannot reach alpha", cell.Reason);
    }

    [Fact]
    public void A_time_threshold_is_relative_to_the_baseline_median()
    {
        // 20% slower on a 10 ms median is 2 ms: beyond a 1ms threshold, within a 5ms one.
        var baseline = TestRuns.Samples(10e6);
        var current = TestRuns.Samples(12e6, seed: 2);
        Assert.Equal(Verdict.Slower, CompareOne(baseline, current, new ComparisonOptions { Threshold = Statistics.ChangeThreshold.Parse("1ms", "t") }).Verdict);
        Assert.NotEqual(Verdict.Slower, CompareOne(baseline, current, new ComparisonOptions { Threshold = Statistics.ChangeThreshold.Parse("5ms", "t") }).Verdict);
    }

    [Fact]
    public void Unmatched_and_failed_cells_are_new_missing_and_failed()
    {
        var samples = TestRuns.Samples(10e6);
        var baseline = TestRuns.Run([
            TestRuns.Cell("square", "threads", 1, samples),
            TestRuns.Cell("square", "threads", 2, samples),
            TestRuns.Cell("sleep", "processes", 2, samples)]);
        var current = TestRuns.Run([
            TestRuns.Cell("square", "threads", 1, samples),
            TestRuns.Cell("square", "threads", 4, samples),
            TestRuns.Cell("sleep", "processes", 2, [], CellStatus.Failed)]);
        var report = Comparer.Compare(TestRuns.Input(baseline), TestRuns.Input(current), new ComparisonOptions());
        Assert.Equal(Verdict.Noise, report.Cells.Single(c => c.Name.StartsWith("square threads W=1", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.New, report.Cells.Single(c => c.Name.StartsWith("square threads W=4", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Missing, report.Cells.Single(c => c.Name.StartsWith("square threads W=2", StringComparison.Ordinal)).Verdict);
        var failed = report.Cells.Single(c => c.Name.StartsWith("sleep", StringComparison.Ordinal));
        Assert.Equal(Verdict.Failed, failed.Verdict);
        Assert.Contains("item 3 threw", failed.Reason);
    }

    [Fact]
    public void Cells_match_by_identity_not_by_order()
    {
        var a = TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6));
        var b = TestRuns.Cell("square", "threads", 2, TestRuns.Samples(20e6));
        var report = Comparer.Compare(TestRuns.Input(TestRuns.Run([a, b])), TestRuns.Input(TestRuns.Run([b, a])), new ComparisonOptions());
        Assert.All(report.Cells, c => Assert.Equal(Verdict.Noise, c.Verdict));
    }

    [Fact]
    public void Fail_on_slower_fails_only_slower_and_fail_on_any_fails_every_change()
    {
        var slower = Comparer.Compare(
            TestRuns.Input(TestRuns.Run([TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6))])),
            TestRuns.Input(TestRuns.Run([TestRuns.Cell("square", "threads", 1, TestRuns.Samples(8e6))])),
            new ComparisonOptions());
        Assert.Equal(Verdict.Faster, slower.Cells[0].Verdict);
        Assert.Equal(0, slower.ExitCode);
        Assert.Equal(1, (slower with { Options = new ComparisonOptions { FailOn = FailOn.Any } }).ExitCode);
    }

    [Fact]
    public void A_cell_that_fails_only_in_the_current_run_fails_the_default_gate()
    {
        var ok = TestRuns.Cell("sleep", "processes", 2, TestRuns.Samples(10e6));
        var broken = TestRuns.Cell("sleep", "processes", 2, [], CellStatus.Failed);

        var regression = Comparer.Compare(TestRuns.Input(TestRuns.Run([ok])), TestRuns.Input(TestRuns.Run([broken])), new ComparisonOptions());
        Assert.Equal(Verdict.Failed, regression.Cells[0].Verdict);
        Assert.True(regression.Cells[0].CurrentFailed);
        Assert.Equal(1, regression.ExitCode);

        // Fixed since the baseline, or broken on both sides: not a regression of this change.
        var fixedSince = Comparer.Compare(TestRuns.Input(TestRuns.Run([broken])), TestRuns.Input(TestRuns.Run([ok])), new ComparisonOptions());
        Assert.Equal(Verdict.Failed, fixedSince.Cells[0].Verdict);
        Assert.Equal(0, fixedSince.ExitCode);
        var brokenBoth = Comparer.Compare(TestRuns.Input(TestRuns.Run([broken])), TestRuns.Input(TestRuns.Run([broken])), new ComparisonOptions());
        Assert.Equal(0, brokenBoth.ExitCode);
        Assert.Equal(1, (brokenBoth with { Options = new ComparisonOptions { FailOn = FailOn.Any } }).ExitCode);
    }
}
