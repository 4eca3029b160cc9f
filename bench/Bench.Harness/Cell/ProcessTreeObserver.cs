using Bench.Harness.Execution;
using Bench.Harness.Measurement;
using Bench.Harness.Os;
using Bench.Results;

namespace Bench.Harness.Cell;

/// <summary>
/// Measures the whole process tree around every sample, outside the timed region — what
/// BenchmarkDotNet cannot see (its issue #1531):
/// <list type="bullet">
/// <item>the cell process itself: <c>getrusage(RUSAGE_SELF)</c> deltas (µs CPU, context switches);</item>
/// <item>worker processes that exited and were reaped during the sample (<c>processes</c>):
/// <c>getrusage(RUSAGE_CHILDREN)</c> deltas, which cover each child's whole life;</item>
/// <item>workers alive across samples (<c>process-pool</c>): <c>/proc/PID/stat</c> CPU deltas (10 ms
/// ticks) and context switches summed over <c>/proc/PID/task/*/status</c>.</item>
/// </list>
/// Peak memory of a sample approximates the tree's peak as the sum of each part's own peak: the cell
/// process's VmHWM + each live worker's VmHWM (both reset before the sample through clear_refs) +,
/// when children were reaped during the sample, <c>concurrentChildren</c> × the largest reaped child's
/// max RSS. The sum is an upper bound: the parts' peaks need not coincide, and every part counts the pages
/// it shares with the others (the runtime, a mapped image) again.
/// At the end of each sample it also reads the tree's PSS, USS and shared bytes from smaps_rollup (the
/// cell process and the live workers): shared pages count once. Workers that exited within the sample
/// (<c>processes</c>) are gone by then, so for them PSS covers the cell process only and the peak above
/// remains the measure; the report says so.
/// </summary>
/// <param name="livePids">The worker PIDs alive right now (the executor's pool), read at each snapshot.</param>
/// <param name="concurrentChildren">How many short-lived children can be alive at once (W for <c>processes</c>, else 0).</param>
public sealed class ProcessTreeObserver(Func<IReadOnlyList<int>> livePids, int concurrentChildren) : ISampleObserver
{
    private ResourceCounters? _self;
    private ResourceCounters? _children;
    private Dictionary<int, ResourceCounters> _live = [];

    /// <summary>One entry per observed sample, warm-ups included, in order.</summary>
    public List<SampleResources> Samples { get; } = [];

    public void BeforeSample()
    {
        // Reset peaks first: the reads below then start the interval.
        LinuxResourceUsage.ResetPeakRss(LinuxResourceUsage.SelfPid);
        foreach (var pid in livePids())
        {
            LinuxResourceUsage.ResetPeakRss(pid);
        }

        _live = ReadLive();
        _children = LinuxResourceUsage.ReapedChildren();
        _self = LinuxResourceUsage.Self();
    }

    public void AfterSample()
    {
        var self = LinuxResourceUsage.Self();
        var children = LinuxResourceUsage.ReapedChildren();
        var live = ReadLive();
        if (self is null || _self is null || children is null || _children is null)
        {
            return; // not on Linux: no resources
        }

        var total = self.Minus(_self);
        var reaped = children.Minus(_children);
        total = total.Plus(reaped);
        long peak = LinuxResourceUsage.PeakRssBytes(LinuxResourceUsage.SelfPid) ?? self.MaxRssBytes;
        foreach (var (pid, after) in live)
        {
            // A worker started during the sample counts whole; one that exited shows in the reaped totals.
            total = total.Plus(_live.TryGetValue(pid, out var before) ? after.Minus(before) : after);
            peak += LinuxResourceUsage.PeakRssBytes(pid) ?? 0;
        }

        _childPeakAdded = 0;
        if (reaped.CpuNs > 0 || reaped.Voluntary > 0)
        {
            _childPeakAdded = concurrentChildren * children.MaxRssBytes;
            peak += _childPeakAdded;
        }

        var memory = LinuxResourceUsage.Memory(live.Keys.Prepend(LinuxResourceUsage.SelfPid));
        var workers = live.Count > 0 ? LinuxResourceUsage.Memory(live.Keys) : null;
        Samples.Add(new SampleResources
        {
            CpuUserNs = total.UserNs,
            CpuSystemNs = total.SystemNs,
            PeakRssBytes = peak,
            VoluntaryContextSwitches = total.Voluntary,
            InvoluntaryContextSwitches = total.Involuntary,
            PssBytes = memory?.PssBytes,
            UssBytes = memory?.UssBytes,
            SharedBytes = memory?.SharedBytes,
            MemoryProcesses = memory?.Processes,
            WorkerUssBytes = workers?.UssBytes,
        });
    }

    /// <summary>
    /// Replaces the reaped children's <c>ru_maxrss</c> — which counts the harness pages a child shared
    /// between fork and exec, ≈ the harness's whole RSS — by the largest peak the workers themselves
    /// reported before exiting (VmHWM, which starts afresh at exec).
    /// </summary>
    public void Observed(BatchOutcome outcome)
    {
        if (outcome.MaxWorkerPeakRssBytes <= 0 || _childPeakAdded == 0 || Samples.Count == 0)
        {
            return;
        }

        var last = Samples[^1];
        Samples[^1] = last with { PeakRssBytes = last.PeakRssBytes - _childPeakAdded + concurrentChildren * outcome.MaxWorkerPeakRssBytes };
    }

    private long _childPeakAdded;

    private Dictionary<int, ResourceCounters> ReadLive()
    {
        var counters = new Dictionary<int, ResourceCounters>();
        foreach (var pid in livePids())
        {
            if (LinuxResourceUsage.Live(pid) is { } reading)
            {
                counters[pid] = reading;
            }
        }

        return counters;
    }
}
