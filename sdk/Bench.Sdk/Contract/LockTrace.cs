namespace Bench.Workloads.Contract;

/// <summary>
/// Where a runner reports lock waits and holds during a traced batch (the "Thread locking" timeline).
/// The harness installs a sink on the item's thread for the instrumented trace batch only and removes it
/// afterwards; otherwise <see cref="Current"/> is null and runners skip recording. Thread-local (like
/// <see cref="WorkCheckpoint"/>), so the plumbing needs no new member on <see cref="IItemRunner"/> and works
/// through wrappers such as the fault guard, which run items on the calling thread.
/// </summary>
public static class LockTrace
{
    [ThreadStatic]
    private static ILockSpanSink? _sink;

    /// <summary>The sink of the calling thread, or null when the batch is not traced.</summary>
    public static ILockSpanSink? Current
    {
        get => _sink;
        set => _sink = value;
    }
}

/// <summary>Receives lock spans as <see cref="System.Diagnostics.Stopwatch"/> timestamps. Bounded: <see cref="Wanted"/> turns false once enough are recorded.</summary>
public interface ILockSpanSink
{
    /// <summary>Whether the sink still takes spans (runners record only the first few acquisitions per item).</summary>
    bool Wanted { get; }

    void Record(long waitStartTimestamp, long acquiredTimestamp, long releasedTimestamp);
}
