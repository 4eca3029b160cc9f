using System.Diagnostics;
using Bench.Results;

namespace Bench.Harness.Execution;

/// <summary>
/// What one batch produced: a result per item, recorded exactly once (a strategy that loses or
/// duplicates an item is a bug the harness must catch, not average over), the first error, and —
/// for the instrumented trace execution — when and where each item ran.
/// Thread-safe: strategies record from many threads.
/// </summary>
public sealed class BatchOutcome
{
    private readonly long[] _results;
    private readonly int[] _recorded;
    private readonly List<ItemSpan>? _items;
    private readonly List<ProcessSpan>? _processes;
    private readonly List<LockSpan>? _locks;
    private readonly Lock _gate = new();
    private int _errors;

    public BatchOutcome(int itemCount, bool trace)
    {
        _results = new long[itemCount];
        _recorded = new int[itemCount];
        Trace = trace;
        if (trace)
        {
            _items = new List<ItemSpan>(itemCount);
            _processes = [];
            _locks = [];
        }

        OriginTimestamp = Stopwatch.GetTimestamp();
    }

    public bool Trace { get; }

    /// <summary>Timestamp (shared monotonic clock) at which the batch started; traces are relative to it.</summary>
    public long OriginTimestamp { get; }

    public int ItemCount => _results.Length;

    public ReadOnlySpan<long> Results => _results;

    public string? FirstError { get; private set; }

    public int ErrorCount => Volatile.Read(ref _errors);

    public long PipeBytes;

    /// <summary>Largest peak memory of a worker process that ended during the batch (processes strategy).</summary>
    public long MaxWorkerPeakRssBytes => Interlocked.Read(ref _maxWorkerPeak);

    private long _maxWorkerPeak;

    private readonly List<Protocol.RuntimeCounters> _exitedWorkerCounters = [];

    /// <summary>Whole-life runtime counters of the workers that exited during the batch (processes strategy).</summary>
    public IReadOnlyList<Protocol.RuntimeCounters> ExitedWorkerCounters
    {
        get
        {
            lock (_gate)
            {
                return [.. _exitedWorkerCounters];
            }
        }
    }

    public void NoteExitedWorkerCounters(Protocol.RuntimeCounters counters)
    {
        lock (_gate)
        {
            _exitedWorkerCounters.Add(counters);
        }
    }

    public void NoteWorkerPeak(long bytes)
    {
        long seen;
        while (bytes > (seen = Interlocked.Read(ref _maxWorkerPeak)) && Interlocked.CompareExchange(ref _maxWorkerPeak, bytes, seen) != seen)
        {
        }
    }

    public void Record(int index, long value)
    {
        if ((uint)index >= (uint)_results.Length)
        {
            throw new InvalidOperationException($"item {index} is outside the batch of {_results.Length}");
        }

        if (Interlocked.Exchange(ref _recorded[index], 1) != 0)
        {
            throw new InvalidOperationException($"item {index} was reported twice");
        }

        _results[index] = value;
    }

    public void Fail(string message)
    {
        if (Interlocked.Increment(ref _errors) == 1)
        {
            FirstError = message;
        }
    }

    public void TraceItem(int index, string worker, long startTimestamp, long endTimestamp)
    {
        if (_items is null)
        {
            return;
        }

        lock (_gate)
        {
            _items.Add(new ItemSpan(index, worker, Relative(startTimestamp), Relative(endTimestamp)));
        }
    }

    public void TraceProcess(int pid, long spawnTimestamp, long? readyTimestamp, long? exitTimestamp)
    {
        if (_processes is null)
        {
            return;
        }

        lock (_gate)
        {
            _processes.Add(new ProcessSpan(pid, Relative(spawnTimestamp),
                readyTimestamp is { } r ? Relative(r) : null, exitTimestamp is { } e ? Relative(e) : null));
        }
    }

    public void TraceLock(string worker, long waitStartTimestamp, long acquiredTimestamp, long releasedTimestamp)
    {
        if (_locks is null)
        {
            return;
        }

        lock (_gate)
        {
            _locks.Add(new LockSpan(worker, Relative(waitStartTimestamp), Relative(acquiredTimestamp), Relative(releasedTimestamp)));
        }
    }

    /// <summary>Throws when an item has no result and no error explains it.</summary>
    public void EnsureComplete()
    {
        if (FirstError is not null)
        {
            return;
        }

        for (var i = 0; i < _recorded.Length; i++)
        {
            if (_recorded[i] == 0)
            {
                throw new InvalidOperationException($"item {i} produced no result");
            }
        }
    }

    public CellTrace? ToTrace() => _items is null
        ? null
        : new CellTrace
        {
            Items = [.. _items.OrderBy(s => s.StartNs)],
            Processes = [.. _processes!.OrderBy(p => p.SpawnNs)],
            Locks = [.. _locks!.OrderBy(l => l.WaitStartNs)],
        };

    private double Relative(long timestamp) => (timestamp - OriginTimestamp) * (1e9 / Stopwatch.Frequency);
}
