using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// .NET's answer to the guide's I/O advice: the async form with <c>await</c>, at most W items in flight,
/// and no thread blocked while an item waits. Only for workloads with an async form.
/// </summary>
public sealed class ThreadPoolAsyncStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "threadpool-async",
        "async/await on the ThreadPool, at most W items in flight, no thread blocked while waiting (Python: asyncio)",
        "1.3 Thread Pool (async variant)",
        UsesProcesses: false,
        Pooled: true,
        NeedsAsyncForm: true,
        OsFloor: Results.OsFloor.TaskRun);

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly IItemRunner _runner = context.CreateInProcessRunner();

        public void ExecuteBatch(BatchOutcome outcome) => RunAsync(outcome).GetAwaiter().GetResult();

        private async Task RunAsync(BatchOutcome outcome)
        {
            using var inFlight = new SemaphoreSlim(context.Workers, context.Workers);
            var tasks = new Task[outcome.ItemCount];
            for (var i = 0; i < outcome.ItemCount; i++)
            {
                await inFlight.WaitAsync().ConfigureAwait(false);
                tasks[i] = RunOneAsync(i, outcome, inFlight);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private async Task RunOneAsync(int index, BatchOutcome outcome, SemaphoreSlim inFlight)
        {
            try
            {
                await InProcessItem.RunAsync(_runner, index, outcome).ConfigureAwait(false);
            }
            finally
            {
                inFlight.Release();
            }
        }

        public void Dispose() => _runner.Dispose();
    }
}
