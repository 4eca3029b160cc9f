using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// Guide 1.3 (<c>ThreadPoolExecutor(max_workers=W)</c>): W work items on the .NET ThreadPool, each
/// taking the next item from the batch until none is left — the executor's worker threads pulling from
/// its work queue. The pool's minimum is raised to W for the cell, as the executor would have W threads:
/// otherwise blocking items beyond the core count wait for the pool's hill-climbing to inject threads
/// (slowly), which would measure the injection policy rather than the strategy. Each cell
/// runs in its own process, so the setting never leaks to another cell — and has the pool to itself: in a
/// process whose pool threads are busy elsewhere, one work item could drain the batch alone before the
/// pool injects threads for the others (the pool's starvation policy, not this strategy, would be measured).
/// No coordinator admits items: one that did made every item wait for it to wake on a busy core
/// (docs/perf-notes.md).
/// </summary>
public sealed class ThreadPoolStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "threadpool",
        "W work items on the .NET ThreadPool pulling items from the batch (Python: ThreadPoolExecutor)",
        "1.3 Thread Pool",
        UsesProcesses: false,
        Pooled: true,
        OsFloor: Results.OsFloor.TaskRun);

    public ICellExecutor Create(CellContext context)
    {
        PoolSizing.EnsureMinimumThreads(context.Workers);
        return new Executor(context);
    }

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly IItemRunner _runner = context.CreateInProcessRunner();

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var next = -1;
            var workers = new Task[Math.Min(context.Workers, outcome.ItemCount)];
            for (var w = 0; w < workers.Length; w++)
            {
                workers[w] = Task.Run(() =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < outcome.ItemCount)
                    {
                        InProcessItem.Run(_runner, index, outcome);
                    }
                });
            }

            Task.WaitAll(workers);
        }

        public void Dispose() => _runner.Dispose();
    }
}

internal static class PoolSizing
{
    /// <summary>Raises the ThreadPool minimum to W (+1 for the thread that submits), never lowers it.</summary>
    public static void EnsureMinimumThreads(int workers)
    {
        ThreadPool.GetMinThreads(out var worker, out var io);
        var wanted = workers + 1;
        if (worker < wanted)
        {
            ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
        }
    }
}
