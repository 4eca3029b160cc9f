using Bench.Results;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>A history holds no copies, and a refused add leaves nothing behind.</summary>
public class AddTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void The_same_run_twice_is_refused_and_a_refused_batch_adds_nothing(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var real = ResultsFile.Read(Stores.Fixture("results-real.json"));
        var other = SyntheticRuns.Replay(real, 1, new Random(1));
        using var store = Stores.Open(db);
        store.Add([Stores.ToAdd(real)]);
        var before = store.RowCounts();

        // The same measurements under another commit and source are still the same run.
        var again = Assert.Throws<StoreException>(() => store.Add([Stores.ToAdd(real, commit: "other", source: "copy.json")]));
        Assert.Contains("already in", again.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', again.Message);

        // A new run and a copy in one add: the transaction rolls back the new one's rows too.
        Assert.Throws<StoreException>(() => store.Add([Stores.ToAdd(other, source: "new.json"), Stores.ToAdd(real, source: "copy.json")]));
        Assert.Equal(before, store.RowCounts());

        store.Add([Stores.ToAdd(other)]);
        Assert.Equal(2, store.List().Count);
        output.WriteLine($"{engine}: refused copies, rows after: {string.Join(", ", store.RowCounts())}");
    }

    [Fact]
    public void A_copy_of_a_results_file_is_the_same_run_but_a_replay_is_not()
    {
        var real = ResultsFile.Read(Stores.Fixture("results-real.json"));
        var copy = ResultsFile.Parse(File.ReadAllText(Stores.Fixture("results-real.json")).Replace("\"profile\": \"quick\"", "\"profile\": \"quick\" "), "copy");
        Assert.Equal(Bench.Store.Runs.RunIdentity.Of(real), Bench.Store.Runs.RunIdentity.Of(copy));
        Assert.NotEqual(Bench.Store.Runs.RunIdentity.Of(real), Bench.Store.Runs.RunIdentity.Of(SyntheticRuns.Replay(real, 0, new Random(2))));
    }
}
