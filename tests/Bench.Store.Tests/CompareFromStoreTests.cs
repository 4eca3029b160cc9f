using System.Text.Json;
using Bench.Results;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>
/// bench compare --db --baseline-branch: the newest runs of the current run's machine on that branch are the
/// baseline history, as loose files would be; other branches and machines are left out.
/// </summary>
public class CompareFromStoreTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void The_baseline_is_the_newest_runs_of_this_machine_on_the_branch(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var real = ResultsFile.Read(Stores.Fixture("results-full.json"));
        var random = new Random(5);
        using (var store = Stores.Open(db))
        {
            for (var i = 1; i <= 6; i++)
            {
                store.Add([Stores.ToAdd(SyntheticRuns.Replay(real, i, random), commit: $"m{i}", branch: "main")]);
            }

            store.Add([Stores.ToAdd(SyntheticRuns.Replay(real, 7, random), commit: "f1", branch: "feature")]);
            store.Add([Stores.ToAdd(SyntheticRuns.OnSixteenCores(SyntheticRuns.Replay(real, 8, random)), commit: "m7", branch: "main")]);
        }

        var directory = Stores.TempDirectory("compare-db");
        var current = Path.Combine(directory, "current.json");
        ResultsFile.Write(current, SyntheticRuns.Replay(real, 20, random));
        var report = Path.Combine(directory, "report.json");
        var code = Cli.ExitCode(out var stdout, out var error, "compare", "--db", db, "--baseline-branch", "main", "--baseline-runs", "5", current, "--format", "json", "--output", report);
        output.WriteLine(stdout + error);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var history = json.RootElement.GetProperty("baselineHistory").EnumerateArray().Select(e => e.GetString()!).ToList();
        // Five runs: the newest of main on this machine (m2…m6), oldest first; the last is the baseline proper.
        Assert.Equal(4, history.Count);
        Assert.Contains("commit m2", history[0], StringComparison.Ordinal);
        Assert.Contains("commit m6", json.RootElement.GetProperty("baseline").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(history, h => h.Contains("f1", StringComparison.Ordinal) || h.Contains("m7", StringComparison.Ordinal));

        // A run slowed by 30% everywhere is a regression against that history.
        var slow = Path.Combine(directory, "slow.json");
        ResultsFile.Write(slow, SyntheticRuns.Replay(real, 21, random, slowed: c => c.Workload == "sleep", step: 0.3));
        Assert.Equal(1, Cli.ExitCode(out var slowText, out _, "compare", "--db", db, "--baseline-branch", "main", slow));
        output.WriteLine(slowText);
    }

    [Fact]
    public void No_store_or_no_runs_of_this_machine_on_the_branch_is_said_and_is_not_a_failure()
    {
        var db = Path.Combine(Stores.TempDirectory("compare-empty"), "history.db");
        var current = Stores.Fixture("results-real.json");
        Assert.Equal(0, Cli.ExitCode(out var stdout, out _, "compare", "--db", db, "--baseline-branch", "main", current));
        Assert.Contains("no baseline: no store at", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(db)); // the gate does not create a store; adding does

        Assert.Equal(0, Cli.ExitCode(out _, out _, "history", "add", "--db", db, "--branch", "feature", Stores.Fixture("results-full.json")));
        Assert.Equal(0, Cli.ExitCode(out stdout, out _, "compare", "--db", db, "--baseline-branch", "main", current));
        Assert.Contains("no baseline: no runs of machine", stdout, StringComparison.Ordinal);

        Assert.Equal(2, Cli.ExitCode(out _, out var error, "compare", "--db", db, Stores.Fixture("results-real.json")));
        Assert.Contains("--db needs --baseline-branch", error, StringComparison.Ordinal);
    }
}
