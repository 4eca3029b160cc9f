using System.Diagnostics;

namespace Bench.Harness.Execution.Gil;

/// <summary>
/// A model of CPython's global interpreter lock for the <c>--gil</c> mode: a thread must hold it to run
/// work, and a holder that has run for the switch interval (CPython's <c>sys.getswitchinterval()</c>,
/// 5 ms) gives it up at its next safe point (<see cref="Bench.Workloads.Contract.WorkCheckpoint.Poll"/>)
/// when another thread is waiting — and, like CPython's FORCE_SWITCHING, does not take it back before a
/// waiter has had it. One instance per cell (each cell runs in its own process, so this is the
/// process-wide lock for that cell's threads; no static state).
/// </summary>
public sealed class GlobalInterpreterLock
{
    public static readonly TimeSpan DefaultSwitchInterval = TimeSpan.FromMilliseconds(5);

    // Monitor rather than System.Threading.Lock: the hand-off needs Wait/PulseAll.
    private readonly object _gate = new();
    private bool _held;
    private int _waiting;
    private long _acquisitions;
    private long _forcedSwitches;

    public GlobalInterpreterLock(TimeSpan? switchInterval = null)
    {
        SwitchInterval = switchInterval ?? DefaultSwitchInterval;
        SwitchTicks = (long)(SwitchInterval.TotalSeconds * Stopwatch.Frequency);
    }

    public TimeSpan SwitchInterval { get; }

    /// <summary>The switch interval in <see cref="Stopwatch"/> ticks.</summary>
    public long SwitchTicks { get; }

    /// <summary>Times a holder gave the lock to a waiter at a safe point.</summary>
    public long ForcedSwitches => Interlocked.Read(ref _forcedSwitches);

    /// <summary>Blocks until the calling thread holds the lock.</summary>
    public void Acquire()
    {
        lock (_gate)
        {
            TakeLocked();
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            if (!_held)
            {
                throw new InvalidOperationException("the global interpreter lock is not held");
            }

            _held = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Called by the holder after a switch interval of work: when a thread waits, hands the lock over,
    /// waits until that thread has taken it, then queues for it again. Returns whether it switched.
    /// </summary>
    public bool YieldToWaiter()
    {
        lock (_gate)
        {
            if (_waiting == 0)
            {
                return false;
            }

            var before = _acquisitions;
            _held = false;
            _forcedSwitches++;
            Monitor.PulseAll(_gate);
            while (_acquisitions == before)
            {
                Monitor.Wait(_gate);
            }

            TakeLocked();
            return true;
        }
    }

    private void TakeLocked()
    {
        _waiting++;
        while (_held)
        {
            Monitor.Wait(_gate);
        }

        _waiting--;
        _held = true;
        _acquisitions++;
        Monitor.PulseAll(_gate); // a yielder waits for this acquisition
    }
}
