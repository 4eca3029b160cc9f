using Bench.Harness.Execution;
using Bench.Workloads.Contract;

namespace Bench.Harness.Strategies;

/// <summary>
/// Guide 1.1/1.2: a raw <see cref="Thread"/> created, started and joined per item — creation cost
/// included, nothing reused. A semaphore keeps at most W threads alive.
/// </summary>
public sealed class ThreadsStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "threads",
        "a raw System.Threading.Thread created per item, at most W alive (Python: threading.Thread)",
        "1.1 Creating Threads, 1.2 Locks",
        UsesProcesses: false,
        Pooled: false);

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly IItemRunner _runner = context.CreateInProcessRunner();

        public void ExecuteBatch(BatchOutcome outcome)
        {
            using var alive = new SemaphoreSlim(context.Workers, context.Workers);
            var threads = new Thread[outcome.ItemCount];
            for (var i = 0; i < outcome.ItemCount; i++)
            {
                alive.Wait();
                var index = i;
                threads[i] = new Thread(() =>
                {
                    try
                    {
                        InProcessItem.Run(_runner, index, outcome);
                    }
                    finally
                    {
                        alive.Release();
                    }
                })
                {
                    IsBackground = true,
                    Name = $"bench-item-{index}",
                };
                threads[i].Start();
            }

            // Join every thread, as the guide's t.join() does: the batch ends when the last one has exited.
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        public void Dispose() => _runner.Dispose();
    }
}
