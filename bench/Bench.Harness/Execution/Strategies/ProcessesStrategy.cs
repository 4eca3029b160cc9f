using Bench.Harness.Execution.Faults;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// Guide 2.1 (<c>multiprocessing.Process</c>): a fresh worker process per item — spawn, set up, run
/// the one item, close its stdin, wait for its exit. W driver threads keep at most W processes alive.
/// Spawn and runtime start-up are part of every item's cost, as they are in Python.
/// </summary>
public sealed class ProcessesStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "processes",
        "one OS process per item, at most W alive (Python: multiprocessing.Process)",
        "2.1 Creating Processes",
        UsesProcesses: true,
        Pooled: false,
        OsFloor: Results.OsFloor.ProcessSpawnWait)
    {
        SpawnsPerItem = true,
    };

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor(CellContext context) : ICellExecutor
    {
        private readonly WorkerSupervisor _supervisor = context.Supervise();

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var next = -1;
            // Dedicated (long-running) driver threads: they block on pipes and process exits.
            var drivers = new Task[context.Workers];
            for (var d = 0; d < drivers.Length; d++)
            {
                drivers[d] = Task.Factory.StartNew(() => Drive(outcome, ref next), TaskCreationOptions.LongRunning);
            }

            Task.WaitAll(drivers);
        }

        private void Drive(BatchOutcome outcome, ref int next)
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < outcome.ItemCount)
            {
                if (outcome.ErrorCount > 0)
                {
                    return; // a cell that already failed does not spawn more processes
                }

                // Spawn, set up, run the one item, end the worker; a worker that dies is retried per policy.
                _supervisor.RunInFreshWorker(index, outcome);
            }
        }

        public void Dispose()
        {
        }
    }
}
