using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Harness.Workers;
using Bench.Protocol;

namespace Bench.Harness.Strategies;

/// <summary>
/// Guide 2.3 (<c>multiprocessing.Pool</c>): W long-lived worker processes, started once per cell and
/// fed contiguous chunks of items over their pipes, like <c>Pool.map</c>. The automatic chunk size is
/// Pool.map's: ⌈n / (4·W)⌉. Each worker has one driver (the calling thread drives the first), which
/// pulls the next chunk, sends it and waits for its results — so a slow worker takes fewer chunks.
/// </summary>
public sealed class ProcessPoolStrategy : IExecutionStrategy
{
    public StrategyInfo Info { get; } = new(
        "process-pool",
        "W long-lived worker processes fed chunks over stdin/stdout pipes (Python: multiprocessing.Pool)",
        "2.3 Process Pool",
        UsesProcesses: true,
        Pooled: true);

    public ICellExecutor Create(CellContext context)
    {
        PoolSizing.EnsureMinimumThreads(context.Workers);
        return new Executor(context);
    }

    /// <summary>Pool.map's default: four chunks per worker, rounded up.</summary>
    public static int AutoChunkSize(int items, int workers) =>
        Math.Clamp((items + 4 * workers - 1) / (4 * workers), 1, FrameLimits.MaxChunk);

    private sealed class Executor : ICellExecutor
    {
        private readonly CellContext _context;
        private readonly WorkerProcess?[] _workers;
        private readonly WorkerSupervisor _supervisor;
        private readonly int _chunk;
        private bool _startupTraced;

        public Executor(CellContext context)
        {
            _context = context;
            _chunk = Math.Clamp(context.ChunkSize ?? AutoChunkSize(context.Session.ItemCount, context.Workers), 1, FrameLimits.MaxChunk);
            _supervisor = new WorkerSupervisor(context);
            var start = Stopwatch.GetTimestamp();
            _workers = new WorkerProcess?[context.Workers];
            try
            {
                // Start all workers first, then set them up: their runtimes start in parallel.
                for (var w = 0; w < _workers.Length; w++)
                {
                    _workers[w] = context.Launcher.Start();
                    context.Faults.Watch?.Watch(_workers[w]!);
                }

                foreach (var worker in _workers)
                {
                    worker!.Setup(context.Workload.Info.Name, context.Session.RunnerParameters);
                }
            }
            catch
            {
                Dispose();
                throw;
            }

            StartupNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        }

        public int? EffectiveChunkSize => _chunk;

        public double? StartupNs { get; }

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var nextChunk = -1;
            var chunks = (outcome.ItemCount + _chunk - 1) / _chunk;
            if (_workers.Length == 1)
            {
                Drive(0, outcome, chunks, ref nextChunk);
            }
            else
            {
                var others = new Task[_workers.Length - 1];
                for (var w = 1; w < _workers.Length; w++)
                {
                    var slot = w;
                    others[w - 1] = Task.Run(() => Drive(slot, outcome, chunks, ref nextChunk));
                }

                Drive(0, outcome, chunks, ref nextChunk);
                Task.WaitAll(others);
            }

            if (outcome.Trace && !_startupTraced)
            {
                // The pool's start-up belongs on the first traced timeline: it is what the pool amortizes.
                _startupTraced = true;
                foreach (var worker in _workers.OfType<WorkerProcess>())
                {
                    outcome.TraceProcess(worker.Pid, worker.SpawnTimestamp, worker.ReadyTimestamp, null);
                }
            }
        }

        /// <summary>One driver per slot: pulls chunks until none is left or the batch has failed.</summary>
        private void Drive(int slot, BatchOutcome outcome, int chunks, ref int nextChunk)
        {
            int chunk;
            while (outcome.ErrorCount == 0 && (chunk = Interlocked.Increment(ref nextChunk)) < chunks)
            {
                var first = chunk * _chunk;
                var count = Math.Min(_chunk, outcome.ItemCount - first);
                // A dead worker is replaced in its slot and its chunk retried, per the cell's policy.
                if (!_supervisor.RunPooled(ref _workers[slot], $"slot {slot + 1} of {_workers.Length}", first, count, outcome))
                {
                    StopBusyWorkers();
                    return;
                }
            }
        }

        /// <summary>
        /// The batch has failed for good: workers still busy with their chunks would only make the cell wait
        /// (up to the item timeout) for results nobody will use, so their process trees are killed now.
        /// </summary>
        private void StopBusyWorkers()
        {
            foreach (var worker in _workers)
            {
                if (worker is { BusySince: not 0 })
                {
                    worker.Kill();
                }
            }
        }

        public void Dispose()
        {
            foreach (var worker in _workers)
            {
                if (worker is not null)
                {
                    _supervisor.Retire(worker);
                }
            }
        }
    }
}
