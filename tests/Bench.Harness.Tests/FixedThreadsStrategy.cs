using System.Collections.Concurrent;
using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Tests;

/// <summary>
/// A strategy that exists only in this test project, to prove that a new strategy is one class plus one
/// registration: W dedicated threads started once per cell and fed items through a queue, a hand-made
/// thread pool. Nothing in reports/ or tools/ knows its name.
/// </summary>
internal sealed class FixedThreadsStrategy : IExecutionStrategy
{
    public const string Name = "fixed-threads";

    public StrategyInfo Info { get; } = new(
        Name,
        "W dedicated threads started once per cell, fed items through a queue (test only)",
        "1.3 Thread Pool",
        UsesProcesses: false,
        Pooled: true,
        OsFloor: OsFloor.ThreadCreateJoin);

    public ICellExecutor Create(CellContext context) => new Executor(context);

    private sealed class Executor : ICellExecutor
    {
        private readonly IItemRunner _runner;
        private readonly BlockingCollection<(int Index, BatchOutcome Outcome, CountdownEvent Done)> _queue = [];
        private readonly Thread[] _threads;

        public Executor(CellContext context)
        {
            _runner = context.CreateInProcessRunner();
            _threads = [.. Enumerable.Range(0, context.Workers).Select(_ => new Thread(Serve) { IsBackground = true })];
            foreach (var thread in _threads)
            {
                thread.Start();
            }
        }

        public void ExecuteBatch(BatchOutcome outcome)
        {
            using var done = new CountdownEvent(outcome.ItemCount);
            for (var i = 0; i < outcome.ItemCount; i++)
            {
                _queue.Add((i, outcome, done));
            }

            done.Wait();
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            foreach (var thread in _threads)
            {
                thread.Join();
            }

            _queue.Dispose();
            _runner.Dispose();
        }

        private void Serve()
        {
            foreach (var (index, outcome, done) in _queue.GetConsumingEnumerable())
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    outcome.Record(index, _runner.Run(index));
                    outcome.TraceItem(index, $"thread {Environment.CurrentManagedThreadId}", start, Stopwatch.GetTimestamp());
                }
                catch (Exception e)
                {
                    outcome.Fail($"item {index}: {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    done.Signal();
                }
            }
        }
    }
}
