using System.Diagnostics;
using Bench.Results;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>
/// Eight bench processes add runs to one store at once — SQLite (WAL, busy timeout) and PostgreSQL — each two
/// runs of its own and then one run all eight share: every own run is there once, the shared run once, and
/// the seven who lost the race for it are told so (exit 2) rather than adding a copy.
/// </summary>
[Trait("Category", "Process")]
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Processes = 8;

    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public async Task Eight_processes_adding_at_once_lose_nothing_and_duplicate_nothing(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var real = ResultsFile.Read(Stores.Fixture("results-real.json"));
        var directory = Stores.TempDirectory("concurrency");
        var random = new Random(8);
        var own = Enumerable.Range(0, Processes).Select(p => Enumerable.Range(0, 2).Select(k =>
        {
            var path = Path.Combine(directory, $"run-{p}-{k}.json");
            ResultsFile.Write(path, SyntheticRuns.Replay(real, 1 + p * 2 + k, random));
            return path;
        }).ToArray()).ToArray();
        var shared = Path.Combine(directory, "shared.json");
        ResultsFile.Write(shared, SyntheticRuns.Replay(real, 100, random));

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Processes).Select(p => Task.Run(async () =>
        {
            var first = await Cli.Process(TimeSpan.FromMinutes(3), ["history", "add", "--db", db, .. own[p]]);
            var second = await Cli.Process(TimeSpan.FromMinutes(3), "history", "add", "--db", db, shared);
            return (First: first, Second: second);
        })));
        output.WriteLine($"{engine}: {Processes} processes done in {clock.Elapsed.TotalSeconds:F1} s");

        foreach (var (first, _) in results)
        {
            Assert.True(first.Code == 0, $"an own add failed: {first.Error}");
        }

        Assert.Single(results, r => r.Second.Code == 0);
        Assert.All(results.Where(r => r.Second.Code != 0), r =>
        {
            Assert.True(r.Second.Code == 2 && r.Second.Error.Contains("already in", StringComparison.Ordinal), $"exit {r.Second.Code}: {r.Second.Error}");
            Assert.Single(r.Second.Error.TrimEnd().Split('\n'));
        });

        using var store = Stores.Open(db);
        var runs = store.List();
        Assert.Equal(2 * Processes + 1, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());
        var expected = own.SelectMany(p => p).Append(shared).Select(path => Runs.RunIdentity.Of(ResultsFile.Read(path))).Order().ToList();
        Assert.Equal(expected, runs.Select(r => r.Id).Order().ToList());
        var counts = store.RowCounts();
        Assert.Equal(runs.Count * real.Cells.Count, counts["cells"]);
        Assert.Equal(runs.Count * real.Cells.Sum(c => c.SamplesNs.Count), counts["samples"]);
    }
}
