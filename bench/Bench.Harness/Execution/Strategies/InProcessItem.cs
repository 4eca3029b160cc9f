using System.Diagnostics;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>Runs one item on the calling thread and records its result, error and (when tracing) span.</summary>
internal static class InProcessItem
{
    public static void Run(IItemRunner runner, int index, BatchOutcome outcome)
    {
        var start = outcome.Trace ? Stopwatch.GetTimestamp() : 0;
        var worker = outcome.Trace ? $"thread {Environment.CurrentManagedThreadId}" : "";
        // A traced batch lets the item report its lock waits and holds (counter, sync=lock) on this thread.
        var previousSink = LockTrace.Current;
        if (outcome.Trace)
        {
            LockTrace.Current = new OutcomeLockSink(outcome, worker);
        }

        try
        {
            outcome.Record(index, runner.Run(index));
        }
        catch (Exception e)
        {
            outcome.Fail($"item {index}: {e.GetType().Name}: {e.Message}");
            return;
        }
        finally
        {
            LockTrace.Current = previousSink;
        }

        if (outcome.Trace)
        {
            outcome.TraceItem(index, worker, start, Stopwatch.GetTimestamp());
        }
    }

    public static async Task RunAsync(IItemRunner runner, int index, BatchOutcome outcome)
    {
        var start = outcome.Trace ? Stopwatch.GetTimestamp() : 0;
        try
        {
            outcome.Record(index, await runner.RunAsync(index, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            outcome.Fail($"item {index}: {e.GetType().Name}: {e.Message}");
            return;
        }

        if (outcome.Trace)
        {
            // An async item has no thread of its own: the lane is the item's logical flow.
            outcome.TraceItem(index, $"async {index}", start, Stopwatch.GetTimestamp());
        }
    }
}
