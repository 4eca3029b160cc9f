using Bench.Harness.Execution;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Strategies;

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

/// <param name="Name">The name used in CLI, JSON and report.</param>
/// <param name="Description">One line for <c>bench list</c>.</param>
/// <param name="GuideSection">Where the guide teaches its Python counterpart.</param>
/// <param name="UsesProcesses">Items run in worker processes (fixtures must be shareable, pipes are crossed).</param>
/// <param name="Pooled">Workers are reused across items and batches.</param>
/// <param name="NeedsAsyncForm">Runs the workload's async form.</param>
/// <param name="OsFloor">The calibration floor (a <see cref="Results.OsFloor"/> key) a report compares the strategy's per-item cost with.</param>
public sealed record StrategyInfo(
    string Name,
    string Description,
    string GuideSection,
    bool UsesProcesses,
    bool Pooled,
    bool NeedsAsyncForm = false,
    string? OsFloor = null)
{
    /// <summary>What results.json records about the strategy, so that readers never need to know its name.</summary>
    public Results.StrategyDescriptor Describe(int displayOrder) => new()
    {
        Name = Name,
        Family = UsesProcesses ? Results.StrategyFamily.Process : Results.StrategyFamily.Thread,
        Pooled = Pooled,
        Async = NeedsAsyncForm,
        GuideSection = GuideSection,
        OsFloor = OsFloor,
        DisplayOrder = displayOrder,
    };
}

/// <summary>Everything an executor needs about its cell.</summary>
/// <param name="Workload">The workload (its runner runs items in the harness for thread strategies).</param>
/// <param name="Session">The cell's session: item count and runner parameters.</param>
/// <param name="Workers">W, the concurrency bound.</param>
/// <param name="ChunkSize">Items per Run frame for process-pool; null means automatic.</param>
/// <param name="Launcher">Starts worker processes.</param>
public sealed record CellContext(
    IWorkload Workload,
    IWorkloadSession Session,
    int Workers,
    int? ChunkSize,
    Workers.WorkerLauncher Launcher)
{
    /// <summary>Item timeout, retries, injected faults and warnings of the cell (docs/faults.md).</summary>
    public Faults.CellFaults Faults { get; init; } = Bench.Harness.Faults.CellFaults.None();

    /// <summary>The cell's global interpreter lock under <c>--gil</c> (docs/sync.md), or null.</summary>
    public Bench.Harness.Gil.GlobalInterpreterLock? Gil { get; init; }

    /// <summary>The runner for items in harness threads: the workload's, under the cell's GIL if any, guarded by the cell's hang watch and fault plan.</summary>
    public IItemRunner CreateInProcessRunner()
    {
        var runner = WorkloadRegistry.CreateRunner(Workload, Session.RunnerParameters);
        return Faults.Guard(Gil is null ? runner : new Bench.Harness.Gil.GilItemRunner(runner, Gil), Workload.Info.Name, Session.ItemCount);
    }
}

/// <summary>Runs batches of one cell. Dispose releases threads, pools and worker processes.</summary>
public interface ICellExecutor : IDisposable
{
    /// <summary>Runs every item of the session once; records results (and traces) in <paramref name="outcome"/>.</summary>
    void ExecuteBatch(BatchOutcome outcome);

    /// <summary>Chunk size actually used (process-pool), for the results file.</summary>
    int? EffectiveChunkSize => null;

    /// <summary>Time it took to start the pool, for process-pool.</summary>
    double? StartupNs => null;

    /// <summary>PIDs of worker processes that live across batches (process-pool), for resource readings.</summary>
    IReadOnlyList<int> LiveWorkerPids => [];
}
