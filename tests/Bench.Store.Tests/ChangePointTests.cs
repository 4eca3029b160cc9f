using Bench.History;
using Bench.History.Trends;
using Bench.Results;
using Bench.Store.Runs;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>
/// The acceptance history: a real 93-cell run replayed 12 times with noise (2% between runs, 1%
/// between samples), its sieve cells 10% slower from the 7th replay on, commits c1…c12. The report must find
/// exactly one change point per sieve cell, between c6 and c7, and none in any other cell.
/// </summary>
[Trait("Category", "Slow")]
public class ChangePointTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void A_ten_percent_step_in_the_sieve_cells_is_found_between_c6_and_c7_and_nowhere_else(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var real = RealRun.Read();
        static bool Sieve(CellResult cell) => cell.Workload == "sieve";
        var sieveCells = real.Cells.Where(c => Sieve(c) && c.Status == CellStatus.Ok).Select(c => c.Key).ToHashSet();
        Assert.NotEmpty(sieveCells);
        var random = new Random(19);
        using var store = Stores.Open(db);
        for (var i = 1; i <= 12; i++)
        {
            var replay = SyntheticRuns.Replay(real, i, random, slowed: i >= 7 ? Sieve : null, step: 0.10);
            store.Add([Stores.ToAdd(replay, commit: $"c{i}", source: $"replay {i}")]);
        }

        var directory = Stores.TempDirectory("change-points");
        var report = HistoryReportWriter.Write(store, directory, HistoryOptions.Default);
        foreach (var change in report.Changes)
        {
            output.WriteLine(change.Sentence);
        }

        Assert.Equal(sieveCells.Order(), report.Changes.Select(c => c.CellKey).Order());
        Assert.All(report.Changes, change =>
        {
            Assert.Equal("c6", change.Before.Id);
            Assert.Equal("c7", change.After.Id);
            Assert.InRange(change.Ratio, 1.07, 1.13);
            Assert.Contains("between commit c6 and commit c7 on machine", change.Sentence, StringComparison.Ordinal);
        });

        var json = File.ReadAllText(report.Json);
        Assert.Contains("\"schema\": \"bench-history/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"afterCommit\": \"c7\"", json, StringComparison.Ordinal);
        var html = File.ReadAllText(report.IndexHtml);
        Assert.Contains("between commit c6 and commit c7", html, StringComparison.Ordinal);
        Assert.Equal(real.Cells.Count(c => c.Status == CellStatus.Ok), report.Charts.Count);
    }

    [Fact]
    public void A_flat_noisy_history_has_no_change_points_and_a_short_one_cannot_have_any()
    {
        var real = RealRun.Read();
        var runs = Enumerable.Range(1, 12).Select(i => SyntheticRuns.Replay(real, i, new Random(100 + i), runSigma: 0.03)).ToList();
        var trends = Trends(runs);
        Assert.Empty(trends.SelectMany(t => t.Series.SelectMany(s => ChangePointFinder.Find(t, s, HistoryOptions.Default))));

        var shortHistory = Trends(runs.Take(2 * ChangePointFinder.MinimumSegment - 1).ToList());
        Assert.All(shortHistory, t => Assert.Empty(ChangePointFinder.Find(t, t.Series[0], HistoryOptions.Default)));
    }

    [Fact]
    public void Perfolizer_reports_each_change_as_the_index_of_the_last_point_before_it()
    {
        // The finder's slicing rests on this convention of Perfolizer 0.6.1.
        double[] series = [10, 10.1, 9.9, 10, 10.05, 9.95, 12, 12.1, 11.9, 12, 12.05, 11.95];
        Assert.Equal([5], Perfolizer.Mathematics.Cpd.EdPeltChangePointDetector.Instance.GetChangePointIndexes(series, ChangePointFinder.MinimumSegment));
    }

    private static IReadOnlyList<CellTrend> Trends(IReadOnlyList<RunResults> runs)
    {
        var stored = runs.Select((r, i) => new StoredRun(RunIdentity.Of(r), "m", "machine", null, $"c{i + 1}", "main", r.Environment.StartedUtc, r.Profile, r.Schema, r.Cells.Count, null, DateTimeOffset.UtcNow)).ToList();
        var cells = runs.SelectMany((r, i) => r.Cells.Select((c, k) => new StoredCell(stored[i].Id, k, c.Key, c.Workload, c.Category, c.Strategy, c.Variant, c.Workers, "", c.Status, c.MedianNs, c.Statistics?.CiLowerNs, c.Statistics?.CiUpperNs, c.Statistics?.CiLevel))).ToList();
        var commits = TrendBuilder.Commits(stored);
        return TrendBuilder.Cells(stored, cells, commits, new Dictionary<string, string> { ["m"] = "machine" });
    }
}
