using Bench.Harness.Cell;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Protocol;
using Bench.Workloads;
using Bench.Workloads.Contract;
using Xunit.Abstractions;

namespace Bench.Measurement.Tests;

/// <summary>
/// Allocation and lock counters are process-wide: tests running beside these in the same process would
/// add their own, so this collection runs alone.
/// </summary>
[CollectionDefinition(nameof(RuntimeCounterCollection), DisableParallelization = true)]
public sealed class RuntimeCounterCollection;

[Collection(nameof(RuntimeCounterCollection))]
public class RuntimeCounterTests(ITestOutputHelper log)
{
    private static readonly WorkerLauncher Launcher = WorkerLauncher.Locate();

    /// <summary>Runs a batch's items on W dedicated threads in this process, as the threads strategy does.</summary>
    private sealed class ThreadsExecutor(int threads, Action<int> item) : ICellExecutor
    {
        public void ExecuteBatch(BatchOutcome outcome)
        {
            var next = -1;
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < outcome.ItemCount)
                {
                    item(index);
                    outcome.Record(index, index);
                }
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
        }

        public void Dispose()
        {
        }
    }

    private sealed class InlineExecutor(Action<int> item) : ICellExecutor
    {
        public void ExecuteBatch(BatchOutcome outcome)
        {
            for (var index = 0; index < outcome.ItemCount; index++)
            {
                item(index);
                outcome.Record(index, index);
            }
        }

        public void Dispose()
        {
        }
    }

    private static void Sample(ICellExecutor executor, int items, out Results.RuntimeCounterDeltas tree)
    {
        var observer = new RuntimeCountersObserver(executor);
        var outcome = new BatchOutcome(items, trace: false);
        observer.BeforeSample();
        executor.ExecuteBatch(outcome);
        observer.AfterSample();
        observer.Observed(outcome);
        tree = Assert.Single(observer.Samples).Tree;
    }

    private static object? _sink;

    [Fact]
    public void AllocatedBytesPerItemOfAnAllocationHeavyWorkloadAreWithinTenPercentOfTheKnownAmount()
    {
        const int ArrayLength = 64_000;
        // A byte[] costs its length plus the object header, method table and length (24 bytes on 64-bit).
        var known = ArrayLength + 3 * IntPtr.Size;
        const int Items = 400;
        using var executor = new ThreadsExecutor(4, _ => Volatile.Write(ref _sink, new byte[ArrayLength]));
        Sample(executor, Items, out _); // warm: JIT and thread start-up allocate too
        Sample(executor, Items, out var tree);
        var perItem = (double)tree.AllocatedBytes / Items;
        log.WriteLine($"allocated {perItem:F0} B per item (known {known}); gen0 {tree.Gen0Collections}, pause {tree.GcPauseNs / 1e3:F0} µs");
        Assert.InRange(perItem, known * 0.9, known * 1.1);
    }

    [Fact]
    public void AContendedLockCountsContentionsAndAnUncontendedOneNone()
    {
        var gate = new object();
        using var contended = new ThreadsExecutor(4, _ =>
        {
            lock (gate)
            {
                Thread.Sleep(1); // held long enough that the other threads must wait, not only spin
            }
        });
        Sample(contended, 40, out var busy);

        // On the calling thread: starting and joining a thread can count a contention of its own.
        var counter = 0L;
        using var alone = new InlineExecutor(_ =>
        {
            lock (gate)
            {
                counter++;
            }
        });
        Sample(alone, 10_000, out var quiet);
        log.WriteLine($"contentions: 4 threads {busy.LockContentions}, 1 thread {quiet.LockContentions}; pool threads {busy.ThreadPoolThreadsAtStart}→{busy.ThreadPoolThreadsAtEnd}");
        Assert.True(busy.LockContentions > 0, "four threads sleeping under one lock showed no contention");
        Assert.Equal(0, quiet.LockContentions);
    }

    [Fact]
    public void CountersOfRealWorkersArriveThroughFrames()
    {
        var workload = WorkloadRegistry.Get("square");
        using var session = workload.Open(ParameterSet.From(new Dictionary<string, string> { ["items"] = "40" }), new SessionShape(2, true));
        var context = new CellContext(workload, session, 2, null, Launcher);

        using (var pool = new ProcessPoolStrategy().Create(context))
        {
            var readings = pool.ReadWorkerCounters();
            Assert.Equal(pool.LiveWorkerPids.Order(), readings.Select(r => r.Pid).Order());
            Assert.All(readings, r => Assert.True(r.Counters.JitCompiledMethods > 0 && r.Counters.AllocatedBytes > 0, $"worker {r.Pid} sent {r.Counters}"));

            var observer = new RuntimeCountersObserver(pool);
            observer.BeforeSample();
            pool.ExecuteBatch(new BatchOutcome(40, trace: false));
            observer.AfterSample();
            var (all, workers) = Assert.Single(observer.Samples);
            log.WriteLine($"pool: tree {all}; workers {workers}");
            Assert.NotNull(workers);
            Assert.Equal(2, workers.Processes);
            Assert.Equal(3, all.Processes);
            // A delta, not the whole life (which the readings above show is more): square's workers answer
            // from reused frame buffers and allocate next to nothing per batch.
            Assert.InRange(workers.AllocatedBytes, 0, readings.Min(r => r.Counters.AllocatedBytes) - 1);
        }

        // The processes strategy: each worker lives inside the batch and sends its counters as it exits.
        using var processes = new ProcessesStrategy().Create(context);
        var outcome = new BatchOutcome(4, trace: false);
        processes.ExecuteBatch(outcome);
        Assert.Null(outcome.FirstError);
        Assert.Equal(4, outcome.ExitedWorkerCounters.Count);
        Assert.All(outcome.ExitedWorkerCounters, c => Assert.True(c.JitCompiledMethods > 0, $"an exited worker sent {c}"));
    }

    [Fact]
    public void CountersFramesCarryTheirFieldCountAndRejectShortOnes()
    {
        var pipe = new MemoryStream();
        var writer = new FrameWriter(pipe);
        var sent = new Protocol.RuntimeCounters(1, 2, 3, 4, 5, 6, 7, 8, 9);
        Messages.SendCounters(writer, sent);
        // A newer worker's frame with one more field: the fields known here still read.
        var longer = new byte[2 + 10 * 8];
        pipe.Position = FrameLimits.HeaderSize;
        pipe.ReadExactly(longer, 0, 2 + 9 * 8);
        longer[0] = 10;
        writer.Send(FrameType.Counters, longer);
        pipe.Position = 0;
        var reader = new FrameReader(pipe);
        Assert.True(reader.TryRead(out var type, out var payload));
        Assert.Equal(FrameType.Counters, type);
        Assert.Equal(sent, Messages.ReadCounters(payload));
        Assert.True(reader.TryRead(out _, out payload));
        Assert.Equal(sent, Messages.ReadCounters(payload));
        Assert.Throws<ProtocolException>(() => Messages.ReadCounters(new byte[2 + 8 * 8]));
    }
}
