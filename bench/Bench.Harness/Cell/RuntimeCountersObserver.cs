using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Measurement;
using Bench.Protocol;
using Bench.Results;

namespace Bench.Harness.Cell;

/// <summary>
/// The .NET runtime counters of the whole tree around every sample, outside the timed region: the cell
/// process's own (read here), the pooled workers' (asked for over their pipes between batches), and
/// those of workers that lived and exited inside the sample (processes strategy: each sends its
/// whole-life counters as its last frame). The runtime's APIs only; no EventPipe session.
/// </summary>
public sealed class RuntimeCountersObserver(ICellExecutor executor) : ISampleObserver
{
    private RuntimeCounters _self;
    private Dictionary<int, RuntimeCounters> _workers = [];

    /// <summary>One entry per observed sample, warm-ups included, in order (aligned with <see cref="ProcessTreeObserver.Samples"/>).</summary>
    public List<(RuntimeCounterDeltas Tree, RuntimeCounterDeltas? Workers)> Samples { get; } = [];

    public void BeforeSample()
    {
        _workers = executor.ReadWorkerCounters().ToDictionary(r => r.Pid, r => r.Counters);
        _self = RuntimeCounters.Read(); // last: nearest the timed region
    }

    public void AfterSample()
    {
        var self = Delta(_self, RuntimeCounters.Read());
        RuntimeCounterDeltas? workers = null;
        foreach (var (pid, after) in executor.ReadWorkerCounters())
        {
            // A worker started during the sample (a replaced one) counts whole, from nothing.
            var delta = Delta(_workers.TryGetValue(pid, out var before) ? before : default, after);
            workers = workers is null ? delta : workers.Plus(delta);
        }

        Samples.Add((workers is null ? self : self.Plus(workers), workers));
    }

    public void Observed(BatchOutcome outcome)
    {
        var exited = outcome.ExitedWorkerCounters;
        if (exited.Count == 0 || Samples.Count == 0)
        {
            return;
        }

        var (tree, workers) = Samples[^1];
        foreach (var counters in exited)
        {
            var whole = Delta(default, counters);
            tree = tree.Plus(whole);
            workers = workers is null ? whole : workers.Plus(whole);
        }

        Samples[^1] = (tree, workers);
    }

    /// <summary>Counters gained between two readings of one process.</summary>
    public static RuntimeCounterDeltas Delta(RuntimeCounters before, RuntimeCounters after) => new()
    {
        Gen0Collections = after.Gen0Collections - before.Gen0Collections,
        Gen1Collections = after.Gen1Collections - before.Gen1Collections,
        Gen2Collections = after.Gen2Collections - before.Gen2Collections,
        GcPauseNs = after.GcPauseNs - before.GcPauseNs,
        AllocatedBytes = after.AllocatedBytes - before.AllocatedBytes,
        LockContentions = after.LockContentions - before.LockContentions,
        ThreadPoolThreadsAtStart = before.ThreadPoolThreads,
        ThreadPoolThreadsAtEnd = after.ThreadPoolThreads,
        ThreadPoolThreadsInjected = Math.Max(0, after.ThreadPoolThreads - before.ThreadPoolThreads),
        CompletedWorkItems = after.CompletedWorkItems - before.CompletedWorkItems,
        JitCompiledMethods = after.JitCompiledMethods - before.JitCompiledMethods,
        Processes = 1,
    };
}
