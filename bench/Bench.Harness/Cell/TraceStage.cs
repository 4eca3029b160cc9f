using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// Step 3 of a cell: one separate, instrumented batch (never a sample) for the timelines: which thread or
/// process ran each item, and when. Where it runs is the strategy's choice
/// (<see cref="StrategyInfo.TracesStartup"/>): on the measured executor right after validation, warm
/// like the samples (after BenchmarkDotNet's summary the executor has sat idle and pool threads have
/// parked), or on a fresh executor after measuring, to show a pool's start-up.
/// </summary>
internal static class TraceStage
{
    /// <summary>The trace of one batch on <paramref name="executor"/>, or null when an item failed.</summary>
    public static CellTrace? Trace(ICellExecutor executor, IWorkloadSession session)
    {
        // The batch's preparation first, as before a sample: the trace's clock starts (with the outcome)
        // where a sample's does, not with the preparation (blur clearing its destination image).
        session.BeforeBatch();
        var traced = new BatchOutcome(session.ItemCount, trace: true);
        executor.ExecuteBatch(traced);
        return traced.FirstError is null ? traced.ToTrace() : null;
    }

    /// <summary>The trace on a fresh executor of <paramref name="strategy"/>, for strategies that trace their start-up.</summary>
    public static CellTrace? TraceFresh(IExecutionStrategy strategy, CellContext context)
    {
        using var executor = strategy.Create(context);
        return Trace(executor, context.Session);
    }
}
