using System.Collections.Concurrent;
using System.Diagnostics;
using Bench.Harness.Os;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// Guide 1.1/1.2: a raw <see cref="Thread"/> created and started per item, joined at the end — creation
/// cost included, nothing reused, at most W items running. Items are dealt to W slots, one item of a slot
/// at a time, each on a fresh thread. When should a slot create the thread for its next item? When that
/// costs the items nothing, which depends on the items:
/// <list type="bullet">
/// <item>Items that compute (their thread's CPU time is at least half their wall time): when the item
/// ends, its thread creates and starts the next item's thread, then exits — a chain per slot. The core
/// the item just left does the creating, and no running item is interrupted.</item>
/// <item>Items that wait (less than half): the slot's next thread is created while the current item
/// waits, halfway through it (as long as the item before took), and parks as a "successor". When the
/// item ends, its thread hands the next item to the successor, which starts at once, and the creating
/// happens again, halfway through that item.</item>
/// </list>
/// The first successors are made by the calling thread, 1 ms after it started the first wave; a slot
/// whose successor is not ready in time (an item shorter than the creation) creates on the spot.
/// Creating a thread is not free (a stack, the runtime's set-up, TLB shootdowns when it is unmapped), and
/// W slots whose items end together would queue their creations on the cores every round; creating
/// during a computing item would preempt it and disturb its cache — hence the rule. Where the OS has no
/// per-thread CPU clock (<see cref="ThreadCpuTime"/>), every slot is a chain. A coordinator thread that
/// started each item's thread was tried and measured the coordinator instead (docs/perf-notes.md).
/// </summary>
public sealed class ThreadsStrategy : IExecutionStrategy
{
    /// <summary>
    /// How long the calling thread, having started the first wave of W items, waits before it makes their
    /// successors: long enough for the first wave to get cores and start (and, for I/O, to block).
    /// </summary>
    public static readonly TimeSpan FirstSuccessorsAfter = TimeSpan.FromMilliseconds(1);

    public StrategyInfo Info { get; } = new(
        "threads",
        "a raw System.Threading.Thread created per item, at most W running an item (Python: threading.Thread)",
        "1.1 Creating Threads, 1.2 Locks",
        UsesProcesses: false,
        Pooled: false,
        OsFloor: Results.OsFloor.ThreadCreateJoin);

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly IItemRunner _runner = context.CreateInProcessRunner();

        public void ExecuteBatch(BatchOutcome outcome)
        {
            using var batch = new Batch(_runner, outcome, Math.Min(context.Workers, outcome.ItemCount));
            batch.Run();
        }

        public void Dispose() => _runner.Dispose();
    }

    /// <summary>A thread created for one item that has not been handed its item yet, parked on its gate.</summary>
    private sealed class Successor
    {
        // No spinning: on 2 cores a spinning parked thread would take CPU from the items.
        public readonly ManualResetEventSlim Gate = new(false, spinCount: 0);

        /// <summary>The item to run, or -1: the batch is over and the thread just exits.</summary>
        public int Index = -1;
    }

    /// <summary>One of the W lanes: at most one item of a slot runs at a time.</summary>
    private sealed class Slot(int number)
    {
        public readonly int Number = number;

        /// <summary>The parked thread that will run the slot's next item, once it exists.</summary>
        public Successor? Ready;

        /// <summary>1 while a thread is between handing off and installing the slot's next successor.</summary>
        public int Making;
    }

    /// <summary>One batch's items, each on a thread of its own.</summary>
    private sealed class Batch(IItemRunner runner, BatchOutcome outcome, int slotCount) : IDisposable
    {
        private readonly ConcurrentQueue<Thread> _threads = new(); // every thread created, to join them all
        private readonly CountdownEvent _itemsDone = new(outcome.ItemCount);
        private readonly ManualResetEventSlim _allClaimed = new(outcome.ItemCount == 0, spinCount: 0);
        private int _next = -1;
        private int _closed;

        public void Run()
        {
            var slots = Enumerable.Range(0, slotCount).Select(n => new Slot(n)).ToArray();
            foreach (var slot in slots)
            {
                StartItemNow(slot, Claim());
            }

            // The first successors are made here, by a thread that would otherwise only wait: whether the
            // items wait or compute is not known yet, and W creations during the first items are a small
            // price for items that compute.
            if (!_allClaimed.Wait(FirstSuccessorsAfter))
            {
                foreach (var slot in slots)
                {
                    MakeSuccessor(slot, grace: TimeSpan.Zero);
                }
            }

            // Join every thread, as the guide's t.join() does: the batch ends when the last one has exited.
            _itemsDone.Wait();
            Interlocked.Exchange(ref _closed, 1);
            foreach (var slot in slots)
            {
                Dismiss(slot);
            }

            // Every thread is queued by its creator before it starts, so once the queue is empty every
            // thread ever created has been joined (the calling thread creates none after this point).
            while (_threads.TryDequeue(out var thread))
            {
                thread.Join();
            }
        }

        /// <summary>The next item's index, or -1 when every item has been claimed.</summary>
        private int Claim()
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= outcome.ItemCount - 1)
            {
                _allClaimed.Set(); // no more successors are needed: grace waits end at once
            }

            return index < outcome.ItemCount ? index : -1;
        }

        /// <summary>A new thread that runs <paramref name="index"/> at once: the first wave, and the fallback when no successor is ready.</summary>
        private void StartItemNow(Slot slot, int index)
        {
            if (index >= 0)
            {
                Start(new Thread(() => RunItem(slot, index)), slot);
            }
        }

        private void RunItem(Slot slot, int index)
        {
            var began = Stopwatch.GetTimestamp();
            var cpuBefore = ThreadCpuTime.Now();
            InProcessItem.Run(runner, index, outcome);
            var took = Stopwatch.GetElapsedTime(began);
            var waited = ThreadCpuTime.Available && (ThreadCpuTime.Now() - cpuBefore) * 2 < took;
            _itemsDone.Signal();
            var next = Claim();
            if (next < 0)
            {
                return;
            }

            var successor = Interlocked.Exchange(ref slot.Ready, null);
            if (successor is null)
            {
                // A chain (items that compute), or a successor not made in time: create the thread now.
                StartItemNow(slot, next);
            }
            else
            {
                successor.Index = next;
                successor.Gate.Set();
            }

            if (waited)
            {
                MakeSuccessor(slot, grace: took / 2);
            }
        }

        /// <summary>
        /// Creates and parks the slot's next thread, unless one is ready or being made, or every item has been
        /// claimed. One thread per slot at most is making one, so short items do not leave a crowd of threads
        /// waiting out the grace.
        /// </summary>
        private void MakeSuccessor(Slot slot, TimeSpan grace)
        {
            if (Interlocked.CompareExchange(ref slot.Making, 1, 0) != 0)
            {
                return;
            }

            var batchGoesOn = !_allClaimed.Wait(grace); // a zero grace only looks
            if (batchGoesOn && Volatile.Read(ref slot.Ready) is null)
            {
                var successor = new Successor();
                Start(new Thread(() => RunParked(slot, successor)), slot);
                Interlocked.Exchange(ref slot.Ready, successor);
                if (Volatile.Read(ref _closed) == 1)
                {
                    Dismiss(slot); // the batch ended while this one was being made
                }
            }

            Volatile.Write(ref slot.Making, 0);
        }

        private void RunParked(Slot slot, Successor self)
        {
            self.Gate.Wait();
            if (self.Index >= 0)
            {
                RunItem(slot, self.Index);
            }
        }

        /// <summary>Releases the slot's parked successor without an item.</summary>
        private static void Dismiss(Slot slot)
        {
            if (Interlocked.Exchange(ref slot.Ready, null) is { } successor)
            {
                successor.Gate.Set();
            }
        }

        private void Start(Thread thread, Slot slot)
        {
            thread.IsBackground = true;
            thread.Name = $"bench-slot-{slot.Number}";
            _threads.Enqueue(thread);
            thread.Start();
        }

        public void Dispose()
        {
            _itemsDone.Dispose();
            _allClaimed.Dispose();
        }
    }
}
