using Bench.Compare.Formats;
using Bench.Compare.Inputs;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>bench ab's paired analysis: the round is the unit, and a regime shared by both launches of a round cancels.</summary>
public class PairedVerdictTests
{
    /// <summary>
    /// A side's cell over <paramref name="rounds"/> rounds: round r's launch runs at median × regime(r) × <paramref name="factor"/>.
    /// The regimes swing ±25 % from round to round, as a shared host's do, and are the same for both sides.
    /// </summary>
    private static CellResult Side(string workload, int rounds, double median, double factor, int seed)
    {
        var launches = Enumerable.Range(1, rounds)
            .Select(r => TestRuns.Samples(median * Regime(r) * factor * (1 + 0.004 * Math.Sin(seed * 7 + r * 3.1)), n: 8, spread: 0.01, seed: seed + r))
            .ToList();
        return TestRuns.Cell(workload, "threads", 1, [.. launches.SelectMany(l => l)]) with
        {
            LaunchSampleCounts = [.. launches.Select(l => l.Length)],
            LaunchRounds = [.. Enumerable.Range(1, rounds)],
        };
    }

    private static double Regime(int round) => 1 + 0.25 * Math.Sin(round * 2.3);

    private static (ComparisonInput A, ComparisonInput B) Pair(int rounds, double sleepFactor)
    {
        var a = TestRuns.Run([Side("square", rounds, 1e6, 1, seed: 1), Side("sleep", rounds, 20e6, 1, seed: 2)]);
        var b = TestRuns.Run([Side("square", rounds, 1e6, 1, seed: 3), Side("sleep", rounds, 20e6, sleepFactor, seed: 4)]);
        return (TestRuns.Input(a, "a/results.json"), TestRuns.Input(b, "b/results.json"));
    }

    [Fact]
    public void A_slowdown_under_swinging_regimes_is_found_by_pairing_and_not_by_launches_alone()
    {
        var (a, b) = Pair(rounds: 6, sleepFactor: 1.10);
        var paired = PairedComparer.Compare(a, b, new ComparisonOptions());
        Assert.Equal(Verdict.Slower, paired.Cells.Single(c => c.Group == "sleep").Verdict);
        Assert.NotEqual(Verdict.Slower, paired.Cells.Single(c => c.Group == "square").Verdict);
        Assert.Equal(1, paired.ExitCode);
        var sleep = paired.Cells.Single(c => c.Group == "sleep").Statistics!;
        Assert.Equal(6, sleep.Rounds);
        Assert.Equal("t", sleep.PairedTest);
        Assert.InRange(sleep.Ratio, 1.09, 1.11);
        Assert.Contains("over 6 paired rounds (t)", paired.Cells.Single(c => c.Group == "sleep").Reason);

        // The same launches unpaired (bench compare over launches): the ±25 % regimes drown the 10 %.
        var unpaired = Comparer.Compare(a, b, new ComparisonOptions());
        Assert.NotEqual(Verdict.Slower, unpaired.Cells.Single(c => c.Group == "sleep").Verdict);
    }

    [Fact]
    public void Identical_sides_pass()
    {
        var (a, b) = Pair(rounds: 6, sleepFactor: 1.0);
        var report = PairedComparer.Compare(a, b, new ComparisonOptions());
        Assert.Equal(0, report.ExitCode);
        Assert.All(report.Cells, c => Assert.Contains(c.Verdict, new[] { Verdict.Noise, Verdict.Same }));
    }

    [Fact]
    public void Twelve_rounds_use_the_signed_rank_test()
    {
        var (a, b) = Pair(rounds: 12, sleepFactor: 1.10);
        var report = PairedComparer.Compare(a, b, new ComparisonOptions());
        var sleep = report.Cells.Single(c => c.Group == "sleep");
        Assert.Equal("wilcoxon", sleep.Statistics!.PairedTest);
        Assert.Equal(Math.Pow(0.5, 12), sleep.Statistics.PSlower, 12);
        Assert.Equal(Verdict.Slower, sleep.Verdict);
    }

    [Fact]
    public void Rounds_measured_on_one_side_only_are_not_paired()
    {
        var a = TestRuns.Run([Side("sleep", 3, 20e6, 1, seed: 2)]);
        var bCell = Side("sleep", 3, 20e6, 1.1, seed: 4);
        // B's launches carry rounds 4–6: no round in common with A's 1–3.
        var b = TestRuns.Run([bCell with { LaunchRounds = [4, 5, 6] }]);
        var report = PairedComparer.Compare(TestRuns.Input(a), TestRuns.Input(b), new ComparisonOptions());
        var cell = Assert.Single(report.Cells);
        Assert.Equal(Verdict.Unknown, cell.Verdict);
        Assert.Contains("too few paired rounds: 0", cell.Reason);
    }

    [Fact]
    public void A_cell_failed_on_B_fails_the_gate_and_every_format_names_the_rounds()
    {
        var (a, _) = Pair(rounds: 4, sleepFactor: 1);
        var bRun = TestRuns.Run([Side("square", 4, 1e6, 1, seed: 3), TestRuns.Cell("sleep", "threads", 1, [], CellStatus.Failed)]);
        var report = PairedComparer.Compare(a, TestRuns.Input(bRun, "b/results.json"), new ComparisonOptions());
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(Verdict.Failed, report.Cells.Single(c => c.Group == "sleep").Verdict);
        var json = new JsonFormat().Render(report);
        Assert.Contains("\"rounds\": 4", json);
        Assert.Contains("\"pairedTest\": \"t\"", json);
    }

    [Fact]
    public void Launch_rounds_that_do_not_match_the_launches_are_refused()
    {
        var cell = Side("sleep", 3, 20e6, 1, seed: 2) with { LaunchRounds = [1, 2] };
        var e = Assert.Throws<ResultsFileException>(() => TestRuns.Input(TestRuns.Run([cell])));
        Assert.Contains("launchRounds [1, 2]", e.Message);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 1.0 / 32)] // every sign positive: the smallest p of 5 values
    [InlineData(new[] { 1.5, -0.5, 2, 3 }, 2.0 / 16)] // W+ = 2 + 3 + 4 = 9; sums ≥ 9 of ranks 1–4: {2,3,4}, {1,2,3,4}
    [InlineData(new[] { -1.0, -2, -3 }, 1.0)]
    [InlineData(new[] { 0.0, 0.0 }, 1.0)]
    [InlineData(new[] { 1.0, 1, -1, 2 }, 4.0 / 16)] // mid-ranks 2, 2, 2, 4: W+ = 8; subsets of {2, 2, 2, 4} summing to ≥ 8: the 4 with two or three 2s
    public void Signed_rank_p_values_are_exact(double[] values, double expected)
    {
        Assert.Equal(expected, SignedRankTest.GreaterP(values), 12);
    }
}
