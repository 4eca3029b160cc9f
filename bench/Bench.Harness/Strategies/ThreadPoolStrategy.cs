using Bench.Harness.Execution;
using Bench.Workloads.Contract;

namespace Bench.Harness.Strategies;

/// <summary>
/// Guide 1.3 (<c>ThreadPoolExecutor</c>): each item is a <see cref="Task"/> on the .NET ThreadPool,
/// at most W in flight. The pool's minimum is raised to W for the cell, as ThreadPoolExecutor(max_workers=W)
/// would have W threads: otherwise blocking items beyond the core count wait for the pool's
/// hill-climbing to inject threads (≈ one per 500 ms), which would measure the injection policy rather
/// than the strategy. Each cell runs in its own process, so the setting never leaks to another cell.
/// </summary>
public sealed class ThreadPoolStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "threadpool",
        "the .NET ThreadPool via Task.Run, at most W items in flight (Python: ThreadPoolExecutor)",
        "1.3 Thread Pool",
        UsesProcesses: false,
        Pooled: true);

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
            using var inFlight = new SemaphoreSlim(context.Workers, context.Workers);
            var tasks = new Task[outcome.ItemCount];
            for (var i = 0; i < outcome.ItemCount; i++)
            {
                inFlight.Wait();
                var index = i;
                tasks[i] = Task.Run(() =>
                {
                    try
                    {
                        InProcessItem.Run(_runner, index, outcome);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                });
            }

            Task.WaitAll(tasks);
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
