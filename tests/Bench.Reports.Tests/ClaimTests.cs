using System.Text.Json;
using Bench.Reports.Claims;
using Bench.Reports.Guide;
using Bench.Reports.Model;
using Bench.Results;
using Xunit;

namespace Bench.Reports.Tests;

/// <summary>
/// How the report decides its claims: a difference inside the spread or the threshold is a tie and is
/// said as one; a clear difference beyond both is a win; claims.json names each claim the same way in
/// every run of one matrix.
/// </summary>
public class ClaimTests
{
    [Fact]
    public void Overlapping_samples_are_a_tie_and_the_headline_says_equivalent()
    {
        // 3 % apart with ±15 % noise: the intervals overlap.
        var data = new ReportData(Run(seed: 1, noise: 0.15, ("threads", 1.00), ("threadpool", 0.97), ("processes", 1.03), ("process-pool", 0.99)));
        var io = Headline.Compute(data).Single(l => l.Category == Categories.IoBound);

        Assert.Null(io.Winner);
        Assert.Equal(["process-pool", "processes", "threadpool", "threads"], io.Winners.Order(StringComparer.Ordinal));
        Assert.Contains(" are equivalent (within ±", io.Text, StringComparison.Ordinal);
        Assert.Contains("The guide says threads: here they tie with", io.Text, StringComparison.Ordinal);
        Assert.True(io.GuideAgrees);
    }

    [Fact]
    public void A_clear_20_percent_difference_is_a_win()
    {
        var data = new ReportData(Run(seed: 2, noise: 0.02, ("threads", 1.00), ("processes", 1.20)));
        var line = Headline.Compute(data).Single(l => l.Category == Categories.IoBound);

        Assert.Equal("threads", line.Winner);
        Assert.Equal(["threads"], line.Winners);
        Assert.NotNull(line.Effect);
        Assert.True(line.Effect!.Win);
        Assert.InRange(line.Effect.Ratio, 1.15, 1.25);
        Assert.True(line.Effect.Lower > 1.1);
        Assert.StartsWith($"I/O-bound: use threads, {Format.Times(line.Effect.Ratio)} the throughput of processes (95% CI ", line.Text, StringComparison.Ordinal);
        Assert.Contains("The guide also says threads.", line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_significant_difference_inside_the_threshold_is_a_tie_and_a_lower_threshold_makes_it_a_win()
    {
        var results = Run(seed: 3, noise: 0.005, ("threads", 1.00), ("processes", 1.06));

        var tenPercent = new RatioComparisonProbe(new ReportData(results)).Effect;
        Assert.True(tenPercent.Lower > 1, "the difference is significant");
        Assert.True(tenPercent.Tie, "but inside the 10 % threshold");

        var threePercent = new RatioComparisonProbe(new ReportData(results, ClaimOptions.WithThreshold("3%"))).Effect;
        Assert.True(threePercent.Win);
    }

    [Fact]
    public void The_processes_win_contradicts_the_guide_only_when_significant_and_beyond_the_threshold()
    {
        // I/O-bound: process-pool 30 % faster than every thread strategy, clearly.
        var clear = new GuideTable(new ReportData(Run(seed: 4, noise: 0.02, ("threads", 1.30), ("threadpool", 1.35), ("process-pool", 1.00))));
        Assert.True(clear.Rows.Single(r => r.Feature == GuideClaims.BestFor).Measured["process-pool"].Contradicts);
        Assert.Contains(clear.Contradictions, c => c.StartsWith("Best for:", StringComparison.Ordinal));

        // 3 % faster under 15 % noise: no marker.
        var noisy = new GuideTable(new ReportData(Run(seed: 5, noise: 0.15, ("threads", 1.03), ("threadpool", 1.04), ("process-pool", 1.00))));
        Assert.DoesNotContain(noisy.Rows.Single(r => r.Feature == GuideClaims.BestFor).Measured.Values, c => c.Contradicts);
        Assert.DoesNotContain(noisy.Contradictions, c => c.StartsWith("Best for:", StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_json_has_one_stable_id_per_claim_across_runs_of_one_matrix()
    {
        var strategies = new[] { ("threads", 1.00), ("threadpool", 0.98), ("processes", 1.8), ("process-pool", 1.1) };
        var first = Claims(Run(seed: 10, noise: 0.10, strategies), "claims-a");
        var second = Claims(Run(seed: 11, noise: 0.10, strategies), "claims-b");

        var ids = first.Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, second.Select(c => c.GetProperty("id").GetString()!));
        Assert.Contains("headline/io-bound", ids);
        Assert.Contains("guide/best-for/io-bound", ids);
        Assert.Equal(
            ["pair/io-bound/threads/threadpool", "pair/io-bound/threads/processes", "pair/io-bound/threads/process-pool",
             "pair/io-bound/threadpool/processes", "pair/io-bound/threadpool/process-pool", "pair/io-bound/processes/process-pool"],
            ids.Where(i => i.StartsWith("pair/", StringComparison.Ordinal)));
        foreach (var claim in first)
        {
            Assert.Contains(claim.GetProperty("verdict").GetString(), new[] { "win", "tie", "agrees", "contradicts" });
            Assert.NotEmpty(claim.GetProperty("statement").GetString()!);
            Assert.NotEqual(0, claim.GetProperty("cells").GetArrayLength());
            var winners = claim.GetProperty("winners").EnumerateArray().Select(w => w.GetString()!).ToList();
            Assert.Equal(winners.Order(StringComparer.Ordinal), winners);
        }

        // processes is 1.8× slower than threads under 10 % noise: a win for threads, with an interval.
        var processes = first.Single(c => c.GetProperty("id").GetString() == "pair/io-bound/threads/processes");
        Assert.Equal("win", processes.GetProperty("verdict").GetString());
        Assert.Equal(2, processes.GetProperty("interval").GetArrayLength());
        Assert.Equal(["threads"], processes.GetProperty("winners").EnumerateArray().Select(w => w.GetString()));
    }

    private static List<JsonElement> Claims(RunResults results, string name)
    {
        var report = ReportWriter.Write(results, Fixtures.OutputDirectory(name));
        using var document = JsonDocument.Parse(File.ReadAllText(report.ClaimsJson));
        return document.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    /// <summary>The I/O-bound leader against the runner-up, as the headline decides it.</summary>
    private sealed class RatioComparisonProbe(ReportData data)
    {
        public RatioComparison Effect { get; } = Headline.Compute(data).Single(l => l.Category == Categories.IoBound).Effect!;
    }

    /// <summary>
    /// One I/O-bound workload at W=1 and W=2, each strategy's batch time <c>relative</c> × 20 ms with
    /// uniform noise of ± <paramref name="noise"/>, 15 samples a cell, from a fixed seed.
    /// </summary>
    private static RunResults Run(int seed, double noise, params (string Strategy, double Relative)[] strategies)
    {
        var random = new Random(seed);
        var cells = new List<CellResult>();
        foreach (var (strategy, relative) in strategies)
        {
            foreach (var workers in new[] { 1, 2 })
            {
                var median = 20e6 * relative * (workers == 1 ? 2 : 1);
                var samples = Enumerable.Range(0, 15).Select(_ => median * (1 + noise * (2 * random.NextDouble() - 1))).ToList();
                cells.Add(new CellResult
                {
                    Workload = "sleep", Category = Categories.IoBound, Strategy = strategy, Workers = workers, Items = 16,
                    Parameters = new Dictionary<string, string> { ["ms"] = "2" }, Status = CellStatus.Ok,
                    SamplesNs = samples, MedianNs = samples.Order().ElementAt(7),
                });
            }
        }

        return new RunResults
        {
            Environment = new EnvironmentInfo { Os = "Linux", Cpu = "cpu", LogicalCores = 2, Runtime = ".NET 10", WorkerBuild = "jit", StartedUtc = DateTimeOffset.UnixEpoch },
            Profile = "quick",
            Job = new ProfileJob("Monitoring", 1, 1, 15, 1),
            Strategies = Fixtures.BuiltInStrategies,
            Cells = cells,
        };
    }
}
