namespace Bench.Harness.Execution.Strategies;

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
    /// <summary>
    /// Its timeline is traced on a fresh executor after measuring, so that it shows the pool's start-up
    /// (process-pool); otherwise on the measured executor, warm, so that it shows a batch like the samples.
    /// </summary>
    public bool TracesStartup { get; init; }

    /// <summary>Starts a process per item (processes): up to W short-lived children run at once, which resource readings count.</summary>
    public bool SpawnsPerItem { get; init; }

    /// <summary>Takes <c>--chunk-size</c> (process-pool): items per frame sent to a worker.</summary>
    public bool TakesChunkSize { get; init; }

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
