namespace Bench.Harness.Tests;

/// <summary>
/// Tests that need the ThreadPool to themselves, as a cell process gives it to its strategy: `threadpool`
/// starts W pool work items that pull the batch's items, and in a test host whose pool threads are busy
/// with other tests one work item can drain the batch before the pool injects a thread for the next.
/// The collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(IdlePoolCollection), DisableParallelization = true)]
public sealed class IdlePoolCollection;

[Collection(nameof(IdlePoolCollection))]
[Trait("Category", "Process")]
public sealed class ConcurrencyBoundTests
{
    [Theory]
    [InlineData("threads", 3)]
    [InlineData("threadpool", 3)]
    [InlineData("threadpool-async", 3)]
    [InlineData("processes", 2)]
    [InlineData("process-pool", 3)]
    public void WorkersBoundTheItemsRunningAtOnce(string strategy, int workers)
    {
        // Items that wait 40 ms overlap whenever the strategy lets them: the trace's peak overlap is the
        // real concurrency. It must never exceed W, and must reach W (or the strategy serializes).
        var items = strategy == "processes" ? 6 : 12;
        var outcome = StrategyHarness.RunOnce(strategy, "sleep", workers,
            new Dictionary<string, string> { ["items"] = items.ToString(), ["ms"] = "40" }, trace: true, chunk: 1);
        Assert.Null(outcome.FirstError);
        var trace = outcome.ToTrace()!;
        Assert.Equal(items, trace.Items.Count);
        // For one process per item, "alive" is the process's whole life, spawn to exit: start-up of one
        // process may overlap another's item, and both count against W.
        var peak = strategy == "processes"
            ? StrategyHarness.MaxConcurrency(trace.Processes.Select(p => new Results.ItemSpan(0, p.Pid.ToString(), p.SpawnNs, p.ExitNs!.Value)))
            : StrategyHarness.MaxConcurrency(trace.Items);
        Assert.True(peak <= workers, $"{strategy}: {peak} items ran at once with W={workers}");
        Assert.True(peak >= 2, $"{strategy}: items never overlapped (peak {peak}) with W={workers}");
    }
}
