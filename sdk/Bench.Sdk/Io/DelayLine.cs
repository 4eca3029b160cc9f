using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bench.Workloads.Io;

/// <summary>
/// Releases waiters at their deadlines, to within a few tens of microseconds: the loopback server's
/// simulated latency. <c>Task.Delay</c> is not precise enough to be the thing measured: its timer
/// ticks in whole milliseconds and its continuation hops through the ThreadPool, which put net-io's ideal
/// ⌈n/W⌉·latency out of reach for any strategy (docs/perf-notes.md). One thread takes the deadlines earliest first (they arrive nearly in order: a
/// min-heap absorbs the small reorderings of requests stamped by their clients), waits on a monitor until
/// 2 ms before the head's deadline (so Dispose and an earlier newcomer can interrupt it), sleeps the rest
/// with a nanosecond-resolution sleep, and completes it. It costs one thread and no CPU while waiting.
/// </summary>
public sealed class DelayLine : IDisposable
{
    private readonly PriorityQueue<TaskCompletionSource, long> _pending = new();
    private readonly Thread _thread;
    private bool _stopping;

    public DelayLine(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A task that completes <paramref name="delay"/> after now.</summary>
    public Task WaitAsync(TimeSpan delay) =>
        WaitUntilAsync(Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));

    /// <summary>A task that completes at <paramref name="deadline"/>, a <see cref="Stopwatch"/> timestamp (at once if it has passed).</summary>
    public Task WaitUntilAsync(long deadline)
    {
        // The continuation (the server's send of the answer) runs on the line's thread, inline: a hop
        // through the ThreadPool would delay every answer. It must therefore be short and never block;
        // an async send that cannot finish at once returns to the line.
        var waiter = new TaskCompletionSource();
        lock (_pending)
        {
            if (_stopping)
            {
                waiter.SetCanceled();
                return waiter.Task;
            }

            _pending.Enqueue(waiter, deadline);
            if (_pending.Peek() == waiter)
            {
                Monitor.Pulse(_pending); // a new head: the line may be waiting for a later one
            }
        }

        return waiter.Task;
    }

    private void Run()
    {
        PreciseSleep.TightenThisThread();
        while (true)
        {
            TaskCompletionSource due;
            long deadline;
            lock (_pending)
            {
                while (true)
                {
                    if (_stopping)
                    {
                        foreach (var (waiter, _) in _pending.UnorderedItems)
                        {
                            waiter.TrySetCanceled();
                        }

                        _pending.Clear();
                        return;
                    }

                    if (_pending.Count == 0)
                    {
                        Monitor.Wait(_pending);
                        continue;
                    }

                    // Far from the head's deadline: a monitor wait, which Dispose can interrupt. The last
                    // stretch (under CoarseMargin) is slept precisely outside the lock.
                    _pending.TryPeek(out _, out var head);
                    var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), head);
                    if (remaining > CoarseMargin)
                    {
                        Monitor.Wait(_pending, remaining - CoarseMargin);
                        continue;
                    }

                    break;
                }

                _pending.TryDequeue(out due!, out deadline);
            }

            // Outside the lock: the server keeps queueing answers meanwhile.
            PreciseSleep.Until(deadline);
            due.TrySetResult();
        }
    }

    /// <summary>Monitor waits wake a millisecond or more late; the last stretch before a deadline is a precise sleep.</summary>
    private static readonly TimeSpan CoarseMargin = TimeSpan.FromMilliseconds(2);

    public void Dispose()
    {
        lock (_pending)
        {
            _stopping = true;
            Monitor.Pulse(_pending);
        }

        _thread.Join(TimeSpan.FromSeconds(5));
    }
}

/// <summary>Sleeping until a <see cref="Stopwatch"/> timestamp, with sub-millisecond precision where the OS allows it.</summary>
internal static partial class PreciseSleep
{
    public static void Until(long stopwatchTimestamp)
    {
        while (true)
        {
            var remaining = stopwatchTimestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = (long)(remaining * (1e9 / Stopwatch.Frequency));
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                // nanosleep: the kernel's high-resolution timers wake the thread tens of microseconds
                // after the deadline at worst. Interrupted by a signal, the loop sleeps the rest.
                var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                _ = NanoSleep(in request, IntPtr.Zero);
            }
            else
            {
                // Elsewhere: whole milliseconds, rounded up so the wait is never short.
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(nanoseconds / 1e6)));
            }
        }
    }

    /// <summary>
    /// Linux lets a sleep end up to the thread's timer slack (50 µs by default) late, so that wake-ups
    /// can be batched; the delay line wants its deadlines, so it asks for 1 ns. Best effort.
    /// </summary>
    public static void TightenThisThread()
    {
        if (OperatingSystem.IsLinux())
        {
            const int setTimerSlack = 29; // PR_SET_TIMERSLACK
            _ = Prctl(setTimerSlack, 1, 0, 0, 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);
}
