using Bench.Compare;
using Bench.Compare.Inputs;
using Bench.Compare.Verdicts;
using Bench.Store.Runs;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench compare --db URL --baseline-branch main [--machine auto] CURRENT</c>: the baseline history is the
/// newest runs of the same machine on that branch in the store, oldest first — exactly what
/// <c>bench compare history/*.json CURRENT</c> does with loose files (several baselines: the run is the unit of
/// replication, <see cref="Bench.Compare.Statistics.RunAnalysis"/>). The current run itself is never its own baseline.
/// </summary>
internal static class StoreBaseline
{
    public const int DefaultRuns = 10;
    public const string AutoMachine = "auto";

    /// <summary>The comparison, or null with <paramref name="why"/> when the store holds no baseline for this machine and branch.</summary>
    public static ComparisonReport? Compare(string? db, string branch, string machine, int runs, string currentPath, ComparisonOptions options, out string why)
    {
        var (current, file) = StoreOptions.ReadRun(currentPath);
        var fingerprint = machine == AutoMachine ? MachineFingerprint.Of(current.Environment).Id : machine;
        var location = StoreOptions.Location(db);
        if (!location.Exists)
        {
            why = $"no store at {location.Display} yet";
            return null;
        }

        using var store = Bench.Store.RunStore.Open(location);
        var currentId = RunIdentity.Of(current);
        var stored = store.List(new RunFilter(fingerprint, branch, runs + 1)).Where(r => r.Id != currentId).TakeLast(runs).ToList();
        if (stored.Count == 0)
        {
            why = $"no runs of machine {fingerprint} ({MachineFingerprint.Describe(current.Environment)}) on branch {branch} in {store.Location.Display}";
            return null;
        }

        why = "";
        var baselines = stored.Select(run => BenchResultsInput.From(store.Export(run.Id), Source(run))).ToList();
        return Comparer.Compare(baselines, BenchResultsInput.From(current, file), options);
    }

    private static string Source(StoredRun run) =>
        $"run {run.Id} (commit {(run.Commit is { } c ? c[..Math.Min(12, c.Length)] : "unknown")}, {run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC)";
}
