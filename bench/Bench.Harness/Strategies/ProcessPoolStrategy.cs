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
        private readonly WorkerProcess[] _workers;
        private readonly int _chunk;
        private bool _startupTraced;

        public Executor(CellContext context)
        {
            _context = context;
            _chunk = Math.Clamp(context.ChunkSize ?? AutoChunkSize(context.Session.ItemCount, context.Workers), 1, FrameLimits.MaxChunk);
            var start = Stopwatch.GetTimestamp();
            _workers = new WorkerProcess[context.Workers];
            try
            {
                // Start all workers first, then set them up: their runtimes start in parallel.
                for (var w = 0; w < _workers.Length; w++)
                {
                    _workers[w] = context.Launcher.Start();
                }

                foreach (var worker in _workers)
                {
                    worker.Setup(context.Workload.Info.Name, context.Session.RunnerParameters);
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

        public IReadOnlyList<int> LiveWorkerPids => [.. _workers.Select(w => w.Pid)];

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var before = _workers.Sum(w => w.PipeBytes);
            var nextChunk = -1;
            var chunks = (outcome.ItemCount + _chunk - 1) / _chunk;
            if (_workers.Length == 1)
            {
                Drive(_workers[0], outcome, chunks, ref nextChunk);
            }
            else
            {
                var others = new Task[_workers.Length - 1];
                for (var w = 1; w < _workers.Length; w++)
                {
                    var worker = _workers[w];
                    others[w - 1] = Task.Run(() => Drive(worker, outcome, chunks, ref nextChunk));
                }

                Drive(_workers[0], outcome, chunks, ref nextChunk);
                Task.WaitAll(others);
            }

            Interlocked.Add(ref outcome.PipeBytes, _workers.Sum(w => w.PipeBytes) - before);
            if (outcome.Trace && !_startupTraced)
            {
                // The pool's start-up belongs on the first traced timeline: it is what the pool amortizes.
                _startupTraced = true;
                foreach (var worker in _workers)
                {
                    outcome.TraceProcess(worker.Pid, worker.SpawnTimestamp, worker.ReadyTimestamp, null);
                }
            }
        }

        private void Drive(WorkerProcess worker, BatchOutcome outcome, int chunks, ref int nextChunk)
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref nextChunk)) < chunks)
            {
                var first = chunk * _chunk;
                var count = Math.Min(_chunk, outcome.ItemCount - first);
                try
                {
                    worker.Run(first, count, outcome);
                }
                catch (WorkerException e)
                {
                    outcome.Fail(e.Message);
                    return;
                }
            }
        }

        public void Dispose()
        {
            foreach (var worker in _workers)
            {
                worker?.Dispose();
            }
        }
    }
}
