using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Sync.Tests;

/// <summary>
/// The lock timeline's data: a traced batch of counter sync=lock records each worker's wait and hold
/// intervals, bounded per item, well-formed, and — since it is one lock — no two holds overlap.
/// Untraced batches record nothing.
/// </summary>
[Trait("Category", "Process")]
public sealed class LockSpanTests
{
    [Theory]
    [InlineData("threads")]
    [InlineData("threadpool")]
    public void Traced_batch_records_bounded_non_overlapping_holds_per_worker(string strategyName)
    {
        const int workers = 3;
        var workload = WorkloadRegistry.Get("counter");
        var parameters = WorkloadRegistry.Resolve(workload, new Dictionary<string, string> { ["sync"] = "lock", ["increments"] = "1000", ["hold"] = "20" }, quick: true, out _);
        var strategy = StrategyRegistry.Find(strategyName)!;
        using var session = workload.Open(parameters, new SessionShape(workers, false));
        using var executor = strategy.Create(new CellContext(workload, session, workers, null, BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory)));

        var plain = new BatchOutcome(session.ItemCount, trace: false);
        session.BeforeBatch();
        executor.ExecuteBatch(plain);
        Assert.Null(plain.ToTrace());

        var traced = new BatchOutcome(session.ItemCount, trace: true);
        session.BeforeBatch();
        executor.ExecuteBatch(traced);
        Assert.Null(traced.FirstError);
        Assert.True(session.Validate(traced.Results).Ok);
        var locks = traced.ToTrace()!.Locks;

        // 1000 increments per item (20 ms of holding), the first 64 of each item traced. Lanes are threads:
        // a pool thread that finished one item may run the next, so a lane holds 64 spans per item it ran.
        Assert.Equal(workers * 64, locks.Count);
        var lanes = locks.GroupBy(l => l.Worker).ToList();
        Assert.InRange(lanes.Count, 1, workers);
        Assert.All(lanes, lane => Assert.Equal(0, lane.Count() % 64));
        Assert.All(locks, l =>
        {
            Assert.True(l.WaitStartNs <= l.AcquiredNs && l.AcquiredNs <= l.ReleasedNs, $"{l}");
            Assert.True(l.ReleasedNs - l.AcquiredNs >= 20_000, $"hold shorter than hold=20 us: {l}");
        });

        // Mutual exclusion as the trace sees it: sorted by acquisition, each hold ends before the next begins.
        var holds = locks.OrderBy(l => l.AcquiredNs).ToList();
        for (var i = 1; i < holds.Count; i++)
        {
            Assert.True(holds[i - 1].ReleasedNs <= holds[i].AcquiredNs, $"holds overlap: {holds[i - 1]} and {holds[i]}");
        }

        // Somebody waited: with three workers contending for one lock, waits are visible.
        Assert.Contains(locks, l => l.AcquiredNs - l.WaitStartNs > 10_000);
    }
}
