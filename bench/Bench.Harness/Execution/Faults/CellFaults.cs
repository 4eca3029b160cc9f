using System.Collections.Concurrent;
using Bench.Protocol.Faults;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Faults;

/// <summary>
/// Everything about faults for one cell: the policy (item timeout, retries), the injected fault plan (tests
/// only), the hang watch, and the warnings the cell must carry (a worker that died and whose items were
/// retried). Created by <c>bench cell</c>; library callers get <see cref="None"/>-like defaults.
/// </summary>
public sealed class CellFaults : IDisposable
{
    private readonly ConcurrentQueue<string> _warnings = new();

    /// <param name="policy">Timeout and retries.</param>
    /// <param name="plan">Injected faults for in-process items, or null.</param>
    /// <param name="abandon">Called once, from the watch thread, when an in-process item hangs: it must
    /// report the cell and end the process (a thread cannot be killed). Null: in-process items are not watched.</param>
    public CellFaults(FaultPolicy policy, FaultPlan? plan = null, Action<string>? abandon = null)
    {
        Policy = policy;
        Plan = plan;
        Watch = policy.ItemTimeout is { } timeout ? new HangWatch(timeout, abandon) : null;
    }

    /// <summary>Defaults for callers that do not configure faults: no timeout, one retry, no injection.</summary>
    public static CellFaults None() => new(FaultPolicy.Default);

    public FaultPolicy Policy { get; }

    public FaultPlan? Plan { get; }

    public HangWatch? Watch { get; }

    /// <summary>Items in the cell, once a runner was wrapped (for a report written without the cell runner).</summary>
    public int ItemCount { get; private set; }

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public void Warn(string warning) => _warnings.Enqueue(warning);

    /// <summary>The runner thread strategies use: the workload's, guarded when there is a timeout or a plan.</summary>
    public IItemRunner Guard(IItemRunner runner, string workload, int itemCount)
    {
        ItemCount = itemCount;
        var watch = Watch is { WatchesItems: true } ? Watch : null;
        if (watch is null && Plan is null)
        {
            return runner;
        }

        watch?.TrackItems(itemCount);
        return new GuardedItemRunner(runner, workload, watch, Plan);
    }

    public void Dispose() => Watch?.Dispose();
}
