using System.Diagnostics;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Gil;

/// <summary>
/// Runs each item holding the cell's <see cref="GlobalInterpreterLock"/>, as a CPython thread runs
/// bytecode: the lock is taken before the item, released after it, and given up every switch interval at
/// the kernel's <see cref="WorkCheckpoint.Poll"/> safe points by a pacer installed on the item's thread.
/// Only for CPU-bound workloads: a Python thread drops the GIL around blocking I/O, which this wrapper
/// does not model, so the plan never applies it to I/O-bound cells.
/// </summary>
public sealed class GilItemRunner(IItemRunner inner, GlobalInterpreterLock gil) : IItemRunner
{
    public long Run(int index)
    {
        var previous = WorkCheckpoint.Current;
        gil.Acquire();
        var pacer = new Pacer(gil);
        WorkCheckpoint.Current = pacer;
        try
        {
            return inner.Run(index);
        }
        finally
        {
            WorkCheckpoint.Current = previous;
            gil.Release();
        }
    }

    public ValueTask<long> RunAsync(int index, CancellationToken cancellationToken) =>
        throw new NotSupportedException("--gil applies to blocking (CPU-bound) items only");

    public void Dispose() => inner.Dispose();

    /// <summary>The per-thread safe-point hook: after a switch interval of holding the lock, offer it to a waiter.</summary>
    private sealed class Pacer(GlobalInterpreterLock gil) : IWorkPacer
    {
        private long _heldSince = Stopwatch.GetTimestamp();

        public void Checkpoint()
        {
            var now = Stopwatch.GetTimestamp();
            if (now - _heldSince < gil.SwitchTicks)
            {
                return;
            }

            gil.YieldToWaiter();
            _heldSince = Stopwatch.GetTimestamp();
        }
    }
}
