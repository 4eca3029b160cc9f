using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Gil;
using Bench.Harness.Execution.Workers;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

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
    WorkerLauncher Launcher)
{
    /// <summary>Item timeout, retries, injected faults and warnings of the cell (docs/faults.md).</summary>
    public CellFaults Faults { get; init; } = CellFaults.None();

    /// <summary>The cell's global interpreter lock under <c>--gil</c> (docs/sync.md), or null.</summary>
    public GlobalInterpreterLock? Gil { get; init; }

    /// <summary>The runner for items in harness threads: the workload's, under the cell's GIL if any, guarded by the cell's hang watch and fault plan.</summary>
    public IItemRunner CreateInProcessRunner()
    {
        var runner = WorkloadRegistry.CreateRunner(Workload, Session.RunnerParameters);
        return Faults.Guard(Gil is null ? runner : new GilItemRunner(runner, Gil), Workload.Info.Name, Session.ItemCount);
    }

    /// <summary>The supervisor of this cell's worker processes (process strategies).</summary>
    public WorkerSupervisor Supervise() => new(Faults, Launcher, Workload.Info.Name, Session.RunnerParameters);
}
