using Bench.Harness.Execution;
using Bench.Workloads.Contract;

namespace Bench.Harness.Strategies;

/// <summary>
/// Guide 1.1/1.2: a raw <see cref="Thread"/> created, started and joined per item — creation cost
/// included, nothing reused, at most W items running. Each item's thread, once its item is done, starts
/// the thread for the next item just before it exits, as a chain per slot. An earlier version had the calling
/// thread start each item's thread as a semaphore slot freed up: then every item waited for that
/// thread to be scheduled on a core busy with the other items, and sieve at W=2 on 2 cores ran at
/// 1.7 busy cores (150 ms) instead of 1.93 (131 ms) — the coordinator, not thread creation, was measured.
/// Creating threads ahead (the calling thread keeps W more started and waiting for a run slot) was tried
/// to take creation (190-280 µs per .NET thread here, 50-80 µs for a bare pthread) off the path between
/// two items: net-io at W=8 went from 1.18-1.25× its ideal to 1.14-1.16×, but sieve at W=2 on 2 cores
/// fell from 0.94-0.96 parallel efficiency to 0.84-0.93, the creating thread now taking a core from the items.
/// Where the time goes (net-io W=8, 64 items, timestamps inside a stand-alone copy of this chain): an item
/// on a fresh thread takes 10.25-10.55 ms against 10.17-10.34 ms on a pool thread, but the next item's
/// thread starts 0.3-0.8 ms after its predecessor asked for it, against 0.12 ms for one create+start+join
/// alone (bench calibrate). The 8 slots finish their items together, so 8 creations of ≈ 120 µs of CPU
/// each queue on 2 cores every round. Parking each slot's next thread ahead and opening its gate when an
/// item ends was slower still (1.15-1.21× against 1.12-1.14×): the woken thread waits behind its waker,
/// which is now creating the thread after it. 128 KiB stacks instead of 1.5 MiB gained 0-2%, within noise.
/// </summary>
public sealed class ThreadsStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "threads",
        "a raw System.Threading.Thread created per item, at most W alive (Python: threading.Thread)",
        "1.1 Creating Threads, 1.2 Locks",
        UsesProcesses: false,
        Pooled: false);

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly IItemRunner _runner = context.CreateInProcessRunner();

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var batch = new Batch(_runner, outcome);
            for (var slot = 0; slot < Math.Min(context.Workers, outcome.ItemCount); slot++)
            {
                batch.StartNextItem();
            }

            // Join every thread, as the guide's t.join() does: the batch ends when the last one has exited.
            batch.JoinAll();
        }

        public void Dispose() => _runner.Dispose();
    }

    /// <summary>One batch's items, each on a thread of its own; a finishing thread starts the next item's.</summary>
    private sealed class Batch(IItemRunner runner, BatchOutcome outcome)
    {
        private readonly Thread?[] _threads = new Thread?[outcome.ItemCount];
        private readonly CountdownEvent _started = new(outcome.ItemCount);
        private int _next = -1;

        public void StartNextItem()
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= outcome.ItemCount)
            {
                return;
            }

            var thread = new Thread(() =>
            {
                try
                {
                    InProcessItem.Run(runner, index, outcome);
                }
                finally
                {
                    StartNextItem(); // before this thread exits: at most W items running, never fewer while items remain
                }
            })
            {
                IsBackground = true,
                Name = $"bench-item-{index}",
            };
            _threads[index] = thread;
            thread.Start();
            _started.Signal();
        }

        public void JoinAll()
        {
            _started.Wait(); // every item's thread exists once all have been started
            foreach (var thread in _threads)
            {
                thread!.Join();
            }

            _started.Dispose();
        }
    }
}
