using Bench.Workloads.Contract;

namespace Bench.Harness.Execution;

/// <summary>
/// The lock-span sink of one item in a traced batch: forwards up to <see cref="Limit"/> spans to the
/// batch's trace under the item's lane, then declines, so a long item cannot grow the trace without bound.
/// Used by one thread only (the item's).
/// </summary>
internal sealed class OutcomeLockSink(BatchOutcome outcome, string worker) : ILockSpanSink
{
    public const int Limit = 64;

    private int _recorded;

    public bool Wanted => _recorded < Limit;

    public void Record(long waitStartTimestamp, long acquiredTimestamp, long releasedTimestamp)
    {
        if (_recorded++ < Limit)
        {
            outcome.TraceLock(worker, waitStartTimestamp, acquiredTimestamp, releasedTimestamp);
        }
    }
}
