namespace Bench.Workloads.Contract;

/// <summary>
/// A named kind of work. The harness asks it for a <see cref="IWorkloadSession"/> per cell (which owns
/// shared fixtures such as a server, a temp directory or a mapped file, and validates results); every
/// process that executes items — the harness for thread strategies, each worker for process strategies —
/// asks it for an <see cref="IItemRunner"/>.
/// </summary>
public interface IWorkload
{
    WorkloadInfo Info { get; }

    /// <summary>Harness side, once per cell: set up fixtures and decide the items. Parameters are already
    /// validated against <see cref="WorkloadInfo.Parameters"/>.</summary>
    IWorkloadSession Open(ParameterSet parameters, SessionShape shape);

    /// <summary>Any process: a runner for items of a session, given the session's <see cref="IWorkloadSession.RunnerParameters"/>.
    /// Expensive per-process set-up (base primes, mapping a shared image) happens here, once.</summary>
    IItemRunner CreateRunner(ParameterSet runnerParameters);

    /// <summary>
    /// Why a parameter set cannot run under a kind of strategy (counter: sync=lock is an in-process lock and
    /// means nothing across worker processes), or null. The plan skips such cells rather than produce a
    /// cell that measures something other than its name.
    /// </summary>
    string? Inapplicable(ParameterSet parameters, bool processStrategy) => null;

    /// <summary>
    /// Fills in what the resolved parameters leave to the workload (counter: increments=0, "choose K by
    /// sync"), for the profile's size class, so that a cell's parameters — its name, its key in
    /// results.json, what compare matches on — state what actually ran.
    /// </summary>
    ParameterSet Complete(ParameterSet resolved, bool quick) => resolved;

    /// <summary>
    /// Parameter sets the default matrix also runs, beside the workload's defaults, under one kind of
    /// strategy — only when the user set none of the workload's parameters (counter: the guide's cure, sync=lock
    /// under thread strategies and sync=mutex under process strategies, so the race row has both halves).
    /// </summary>
    IReadOnlyList<IReadOnlyDictionary<string, string>> Companions(bool processStrategy) => [];
}

/// <summary>What the harness tells a workload about the cell it is opened for.</summary>
/// <param name="Workers">W, the cell's degree of parallelism (the counter workload makes one item per worker).</param>
/// <param name="ProcessStrategy">Items will run in worker processes (fixtures must be reachable from them).</param>
public sealed record SessionShape(int Workers, bool ProcessStrategy);

/// <summary>Broad class of a workload: what the guide's table calls "Best for".</summary>
public enum WorkloadCategory
{
    IoBound,
    CpuBound,
    Synchronization,

    /// <summary>Items with almost no work (square): the cell measures the strategy's own cost per item.
    /// Kept apart from CPU-bound so that "which strategy for CPU work" is not decided by dispatch overhead.</summary>
    Overhead,
}

/// <summary>Describes a workload for <c>bench list</c>, validation of <c>--param</c>, and the report.</summary>
public sealed record WorkloadInfo(
    string Name,
    string Description,
    WorkloadCategory Category,
    bool HasAsyncForm,
    IReadOnlyList<ParameterSpec> Parameters);
