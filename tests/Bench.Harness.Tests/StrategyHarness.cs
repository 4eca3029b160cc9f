using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Tests;

/// <summary>Runs batches of a registered workload under a strategy, as a cell process would.</summary>
internal static class StrategyHarness
{
    public static readonly WorkerLauncher Launcher = WorkerLauncher.Locate();

    public static BatchOutcome RunOnce(string strategy, string workload, int workers, IReadOnlyDictionary<string, string> parameters, bool trace = false, int? chunk = null)
    {
        var w = WorkloadRegistry.Get(workload);
        var s = StrategyRegistry.Find(strategy)!;
        using var session = w.Open(WorkloadRegistry.Resolve(w, parameters, quick: true, out var error), new SessionShape(workers, s.Info.UsesProcesses));
        Assert.Null(error);
        using var executor = s.Create(new CellContext(w, session, workers, chunk, Launcher));
        var outcome = new BatchOutcome(session.ItemCount, trace);
        session.BeforeBatch();
        executor.ExecuteBatch(outcome);
        return outcome;
    }

    /// <summary>The largest number of item spans that overlap at any instant.</summary>
    public static int MaxConcurrency(IEnumerable<Results.ItemSpan> spans)
    {
        var events = spans.SelectMany(s => new[] { (s.StartNs, +1), (s.EndNs, -1) })
            .OrderBy(e => e.Item1).ThenBy(e => e.Item2); // ends before starts at the same instant
        int current = 0, max = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }
}
