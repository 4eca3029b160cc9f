using System.Collections.Concurrent;
using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads.Contract;

namespace Bench.Harness.Tests;

/// <summary>
/// The `threads` strategy's promise: one fresh thread per item (never the calling thread, never reused), at
/// most W items at once, and nothing left running when the batch returns — including the parked successors
/// made for items that never came. Items here mix lengths so that both hand-offs (an item long enough for
/// its successor to be made) and on-the-spot creations (a shorter one) happen.
/// </summary>
[Collection(nameof(IdlePoolCollection))] // counts the process's threads: nothing else may run meanwhile
public sealed class ThreadsStrategyTests
{
    [Theory]
    [InlineData(1, 25)]
    [InlineData(3, 40)]
    [InlineData(8, 64)]
    public void EveryItemRunsOnAFreshThread_AtMostWAtOnce(int workers, int items)
    {
        // Every third item is instant, the others wait 2-6 ms: slots alternate between the two paths.
        var workload = new RecordingWorkload(index => index % 3 == 0 ? 0 : 2 + index % 5);
        var outcome = RunBatch(workload, workers, items);

        Assert.Null(outcome.FirstError);
        outcome.EnsureComplete();
        Assert.Equal(items, workload.ThreadOfItem.Count);
        Assert.Equal(items, workload.ThreadOfItem.Values.Distinct().Count());
        Assert.DoesNotContain(Thread.CurrentThread, workload.ThreadOfItem.Values);
        Assert.InRange(workload.PeakRunning, 1, workers);
        Assert.All(workload.ThreadOfItem.Values, t => Assert.False(t.IsAlive, $"{t.Name} still alive after the batch"));
    }

    [Fact]
    public void RepeatedBatches_LeaveNoThreadBehind()
    {
        // A parked successor that is never dismissed would add up to W threads per batch.
        const int workers = 6, batches = 15;
        var workload = new RecordingWorkload(index => index % 4 == 0 ? 0 : 3);
        RunBatch(workload, workers, 30); // warm: the runtime's own threads (tiering, timers) start here
        var before = LiveThreads();
        for (var b = 0; b < batches; b++)
        {
            RunBatch(new RecordingWorkload(index => index % 4 == 0 ? 0 : 3), workers, 30).EnsureComplete();
        }

        // Exited threads may take a moment to leave /proc; runtime threads may come and go by one or two.
        var deadline = Stopwatch.StartNew();
        while (LiveThreads() > before + 2 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(50);
        }

        Assert.True(LiveThreads() <= before + 2, $"{LiveThreads()} threads after {batches} batches, {before} before");
    }

    [Fact]
    public void ABatchOfOneItemAndAnEmptyBatchComplete()
    {
        var one = RunBatch(new RecordingWorkload(_ => 1), workers: 4, items: 1);
        one.EnsureComplete();
        var none = RunBatch(new RecordingWorkload(_ => 1), workers: 4, items: 0);
        Assert.Equal(0, none.ItemCount);
        Assert.Null(none.FirstError);
    }

    private static BatchOutcome RunBatch(RecordingWorkload workload, int workers, int items)
    {
        var parameters = ParameterSet.From(new Dictionary<string, string> { ["items"] = items.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var session = workload.Open(parameters, new SessionShape(workers, false));
        using var executor = new ThreadsStrategy().Create(new CellContext(workload, session, workers, null, StrategyHarness.Launcher));
        var outcome = new BatchOutcome(session.ItemCount, trace: false);
        executor.ExecuteBatch(outcome);
        return outcome;
    }

    private static int LiveThreads() => Process.GetCurrentProcess().Threads.Count;

    /// <summary>Records which thread ran each item and how many ran at once.</summary>
    private sealed class RecordingWorkload(Func<int, int> millisecondsOfItem) : IWorkload
    {
        public readonly ConcurrentDictionary<int, Thread> ThreadOfItem = new();
        public readonly Func<int, int> MillisecondsOfItem = millisecondsOfItem;
        public int PeakRunning;
        private int _running;

        public WorkloadInfo Info { get; } = new("recording", "test: records each item's thread", WorkloadCategory.IoBound, HasAsyncForm: false,
            [ParameterSpec.Integer("items", "items per batch", 10, 0, 1000)]);

        public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

        public IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(this);

        private sealed class Runner(RecordingWorkload owner) : IItemRunner
        {
            public long Run(int index)
            {
                var running = Interlocked.Increment(ref owner._running);
                int peak;
                while (running > (peak = Volatile.Read(ref owner.PeakRunning)) && Interlocked.CompareExchange(ref owner.PeakRunning, running, peak) != peak)
                {
                }

                Assert.True(owner.ThreadOfItem.TryAdd(index, Thread.CurrentThread), $"item {index} ran twice");
                Thread.Sleep(owner.MillisecondsOfItem(index));
                Interlocked.Decrement(ref owner._running);
                return index;
            }

            public ValueTask<long> RunAsync(int index, CancellationToken cancellationToken) => throw new NotSupportedException();

            public void Dispose()
            {
            }
        }

        private sealed class Session(ParameterSet parameters) : IWorkloadSession
        {
            public int ItemCount { get; } = parameters.GetInt32("items");

            public ParameterSet RunnerParameters => parameters;

            public void BeforeBatch()
            {
            }

            public Validation Validate(ReadOnlySpan<long> itemResults) => Validation.Compare(ItemCount, itemResults.Length);

            public void Dispose()
            {
            }
        }
    }
}
