using System.Text.Json;
using Bench.Results;
using Bench.Store.Runs;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>A run goes into the store whole and comes back as the same results.json, on both engines.</summary>
public class RoundTripTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void A_real_run_read_added_and_exported_reads_back_equal(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        foreach (var fixture in new[] { "results-real.json", "results-full.json", RealRun.FileName })
        {
            var read = ResultsFile.Read(Stores.Fixture(fixture));
            string id;
            using (var store = Stores.Open(db))
            {
                id = store.Add([Stores.ToAdd(read, commit: "abc123", source: fixture)])[0].Id;
            }

            // A new process's view: open again, export to a file, read it as any results.json.
            var exported = Path.Combine(Stores.TempDirectory("export"), "results.json");
            using (var store = Stores.Open(db))
            {
                ResultsFile.Write(exported, store.Export(id));
            }

            var back = ResultsFile.Read(exported);
            Assert.Equal(Json(read), Json(back));
            Assert.Equal(read.Cells.Count, back.Cells.Count);
            Assert.Equal(read.Cells.SelectMany(c => c.SamplesNs), back.Cells.SelectMany(c => c.SamplesNs));
            Assert.Equal(read.Environment, back.Environment);
            output.WriteLine($"{engine}: {fixture}: {read.Cells.Count} cells, {read.Cells.Sum(c => c.SamplesNs.Count)} samples round-tripped as run {id}");
        }
    }

    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void Normalized_rows_match_the_run_and_queries_see_them(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var run = ResultsFile.Read(Stores.Fixture("results-full.json"));
        using var store = Stores.Open(db);
        var added = store.Add([Stores.ToAdd(run, commit: "c1", branch: "main")])[0];
        var counts = store.RowCounts();
        Assert.Equal(1, counts["machines"]);
        Assert.Equal(1, counts["runs"]);
        Assert.Equal(run.Cells.Count, counts["cells"]);
        Assert.Equal(run.Cells.Sum(c => c.SamplesNs.Count), counts["samples"]);

        var listed = Assert.Single(store.List(new RunFilter(Branch: "main")));
        Assert.Equal(added.Id, listed.Id);
        Assert.Equal("c1", listed.Commit);
        Assert.Equal(MachineFingerprint.Of(run.Environment).Id, listed.Machine);
        Assert.Empty(store.List(new RunFilter(Branch: "other")));
        Assert.Single(store.List(new RunFilter(Machine: listed.Machine[..4])));

        var cells = store.Cells();
        Assert.Equal(run.Cells.Select(c => c.Key), cells.Select(c => c.Key));
        Assert.Equal(run.Cells.Select(c => c.Status), cells.Select(c => c.Status));
        var okMedians = run.Cells.Where(c => c.MedianNs is not null).Select(c => c.MedianNs);
        Assert.Equal(okMedians, cells.Where(c => c.MedianNs is not null).Select(c => c.MedianNs));
    }

    private static string Json(RunResults results) => JsonSerializer.Serialize(results, ResultsFile.Options);
}
