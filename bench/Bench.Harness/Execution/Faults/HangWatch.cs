using System.Diagnostics;
using Bench.Harness.Execution.Workers;

namespace Bench.Harness.Execution.Faults;

/// <summary>
/// The cell's watchdog for hung items, one background thread scanning a few times per timeout:
/// <list type="bullet">
/// <item>a worker process busy longer than its chunk's budget (items × timeout) has its process tree
/// killed; its driver then sees end of file and retries or fails the items;</item>
/// <item>an item running in a harness thread longer than the timeout cannot be stopped — a thread
/// cannot be killed — so the cell is abandoned: the abandon callback reports it and ends the cell
/// process, which is the only way to get rid of the thread.</item>
/// </list>
/// In-process items are tracked by a start timestamp per item index (two plain writes per item), so the
/// watch costs the measured items next to nothing.
/// </summary>
public sealed class HangWatch : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly long _timeoutTicks;

    /// <summary>
    /// A worker's set-up includes its runtime's start, which a loaded machine can stretch to seconds: it
    /// gets at least this long, so that a tiny item timeout does not kill healthy workers while they start.
    /// </summary>
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromSeconds(30);
    private readonly long _setupTicks = (long)(SetupAllowance.TotalSeconds * Stopwatch.Frequency);
    private readonly Action<string>? _abandon;
    private readonly List<WorkerProcess> _workers = [];
    private readonly Lock _gate = new();
    private long[] _itemStarts = [];
    private volatile bool _asyncItems;
    private volatile bool _stopped;
    private Thread? _thread;

    public HangWatch(TimeSpan timeout, Action<string>? abandon)
    {
        _timeout = timeout;
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _abandon = abandon;
        Interval = TimeSpan.FromMilliseconds(Math.Clamp(timeout.TotalMilliseconds / 10, 20, 500));
    }

    /// <summary>How often the watch looks: a tenth of the timeout, within [20 ms, 500 ms].</summary>
    public TimeSpan Interval { get; }

    public TimeSpan Timeout => _timeout;

    /// <summary>Whether in-process items are watched (only with somebody to tell when the cell must be abandoned).</summary>
    public bool WatchesItems => _abandon is not null;

    public void TrackItems(int itemCount)
    {
        lock (_gate)
        {
            if (_itemStarts.Length < itemCount)
            {
                _itemStarts = new long[itemCount];
            }
        }

        EnsureStarted();
    }

    public void ItemStarted(int index, bool async)
    {
        var starts = _itemStarts;
        if ((uint)index < (uint)starts.Length)
        {
            if (async && !_asyncItems)
            {
                _asyncItems = true;
            }

            Volatile.Write(ref starts[index], Math.Max(1, Stopwatch.GetTimestamp()));
        }
    }

    public void ItemEnded(int index)
    {
        var starts = _itemStarts;
        if ((uint)index < (uint)starts.Length)
        {
            Volatile.Write(ref starts[index], 0);
        }
    }

    public void Watch(WorkerProcess worker)
    {
        lock (_gate)
        {
            _workers.Add(worker);
        }

        EnsureStarted();
    }

    public void Unwatch(WorkerProcess worker)
    {
        lock (_gate)
        {
            _workers.Remove(worker);
        }
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            if (_thread is not null || _stopped)
            {
                return;
            }

            _thread = new Thread(Loop) { IsBackground = true, Name = "hang-watch" };
            _thread.Start();
        }
    }

    private void Loop()
    {
        while (!_stopped)
        {
            Thread.Sleep(Interval);
            var now = Stopwatch.GetTimestamp();
            WorkerProcess[] workers;
            lock (_gate)
            {
                workers = [.. _workers];
            }

            foreach (var worker in workers)
            {
                var since = worker.BusySince;
                var busyItems = worker.BusyItems;
                var budget = busyItems == 0 ? Math.Max(_timeoutTicks, _setupTicks) : _timeoutTicks * busyItems;
                if (since != 0 && now - since > budget)
                {
                    worker.KillForTimeout(_timeout);
                }
            }

            if (_abandon is not null && FindItems(now) is { Hung: > 0 } items)
            {
                _stopped = true;
                _abandon(DescribeAbandon(items.First, items.InFlight));
                return;
            }
        }
    }

    /// <summary>Items over the timeout, the first of them, and every item still in flight.</summary>
    private (int Hung, int First, List<int> InFlight) FindItems(long now)
    {
        var hung = 0;
        var first = -1;
        var inFlight = new List<int>();
        var starts = _itemStarts;
        for (var i = 0; i < starts.Length; i++)
        {
            var start = Volatile.Read(ref starts[i]);
            if (start == 0)
            {
                continue;
            }

            inFlight.Add(i);
            if (now - start > _timeoutTicks)
            {
                hung++;
                first = first < 0 ? i : first;
            }
        }

        return (hung, first, inFlight);
    }

    private string DescribeAbandon(int first, List<int> hung)
    {
        var items = string.Join(", ", hung.Take(5)) + (hung.Count > 5 ? $" and {hung.Count - 5} more" : "");
        var what = _asyncItems
            ? $"{hung.Count} async item{(hung.Count == 1 ? "" : "s")} still pending ({(hung.Count == 1 ? "item" : "items")} {items}); an awaited operation that never completes cannot be stopped"
            : $"{hung.Count} thread{(hung.Count == 1 ? "" : "s")} still running {(hung.Count == 1 ? "item" : "items")} {items}; a thread cannot be killed";
        return $"item {first} ran longer than the {FaultPolicy.Seconds(_timeout)} item timeout: {what}, so the cell was abandoned and its process ended";
    }

    public void Dispose() => _stopped = true;
}
