using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// How work items run concurrently. A strategy makes a <see cref="ICellExecutor"/> per cell (a pool
/// lives as long as its cell); the executor runs whole batches with at most W items in flight.
/// </summary>
public interface IExecutionStrategy
{
    StrategyInfo Info { get; }

    /// <summary>Whether this strategy can run the workload (threadpool-async needs an async form).</summary>
    bool AppliesTo(WorkloadInfo workload) => !Info.NeedsAsyncForm || workload.HasAsyncForm;

    ICellExecutor Create(CellContext context);
}
