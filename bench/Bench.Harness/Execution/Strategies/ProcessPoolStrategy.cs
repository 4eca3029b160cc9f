using System.Diagnostics;
using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Workers;
using Bench.Protocol;

namespace Bench.Harness.Execution.Strategies;

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
        Pooled: true,
        OsFloor: Results.OsFloor.PipeRoundTrip)
    {
        TracesStartup = true,
        TakesChunkSize = true,
    };

    public ICellExecutor Create(CellContext context) => new Executor(context);

    /// <summary>Pool.map's default: four chunks per worker, rounded up.</summary>
    public static int AutoChunkSize(int items, int workers) =>
        Math.Clamp((items + 4 * workers - 1) / (4 * workers), 1, FrameLimits.MaxChunk);

    private sealed class Executor : ICellExecutor
    {
        private readonly CellContext _context;
        private readonly WorkerProcess?[] _workers;
        private readonly WorkerSupervisor _supervisor;
        private readonly int _chunk;

        // Workers 1..W-1 each have a dedicated driver thread, parked between batches; the calling
        // thread drives worker 0. Dedicated threads, not the ThreadPool: drivers block on pipe reads,
        // and a busy pool would delay them and serialize the pool.
        private readonly Thread[] _drivers;
        private readonly SemaphoreSlim[] _go;
        private readonly CountdownEvent _done;
        private Batch? _batch;
        private volatile bool _stopping;
        private bool _startupTraced;

        public Executor(CellContext context)
        {
            _context = context;
            _chunk = Math.Clamp(context.ChunkSize ?? AutoChunkSize(context.Session.ItemCount, context.Workers), 1, FrameLimits.MaxChunk);
            _supervisor = context.Supervise();
            var start = Stopwatch.GetTimestamp();
            _workers = new WorkerProcess?[context.Workers];
            _drivers = [];
            _go = [];
            _done = new CountdownEvent(0);
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
            _go = new SemaphoreSlim[_workers.Length];
            _drivers = new Thread[_workers.Length];
            for (var w = 1; w < _workers.Length; w++)
            {
                var index = w;
                _go[w] = new SemaphoreSlim(0);
                _drivers[w] = new Thread(() => DriverLoop(index)) { IsBackground = true, Name = $"pool-driver-{w}" };
                _drivers[w].Start();
            }
        }

        public int? EffectiveChunkSize => _chunk;

        public double? StartupNs { get; }

        public IReadOnlyList<int> LiveWorkerPids => [.. _workers.OfType<WorkerProcess>().Select(w => w.Pid)];

        public IReadOnlyList<(int Pid, RuntimeCounters Counters)> ReadWorkerCounters()
        {
            var readings = new List<(int, RuntimeCounters)>(_workers.Length);
            foreach (var worker in _workers.OfType<WorkerProcess>())
            {
                try
                {
                    readings.Add((worker.Pid, worker.ReadCounters()));
                }
                catch (WorkerException)
                {
                    // A worker that died between batches: the next batch replaces it and says why.
                }
            }

            return readings;
        }

        public void ExecuteBatch(BatchOutcome outcome)
        {
            var batch = new Batch(outcome, (outcome.ItemCount + _chunk - 1) / _chunk);
            _batch = batch;
            _done.Reset(_workers.Length - 1);
            for (var w = 1; w < _workers.Length; w++)
            {
                _go[w].Release();
            }

            Drive(0, batch);
            _done.Wait();
            _batch = null;

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

        private void DriverLoop(int index)
        {
            while (true)
            {
                _go[index].Wait();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    Drive(index, _batch!);
                }
                finally
                {
                    _done.Signal();
                }
            }
        }

        /// <summary>One driver per slot: pulls chunks until none is left or the batch has failed.</summary>
        private void Drive(int slot, Batch batch)
        {
            int chunk;
            while (batch.Outcome.ErrorCount == 0 && (chunk = Interlocked.Increment(ref batch.NextChunk)) < batch.Chunks)
            {
                var first = chunk * _chunk;
                var count = Math.Min(_chunk, batch.Outcome.ItemCount - first);
                // A dead worker is replaced in its slot and its chunk retried, per the cell's policy;
                // the supervisor also accounts the pipe bytes of every attempt.
                if (!_supervisor.RunPooled(ref _workers[slot], $"slot {slot + 1} of {_workers.Length}", first, count, batch.Outcome))
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
            _stopping = true;
            for (var w = 1; w < _drivers.Length; w++)
            {
                _go[w]?.Release();
                _drivers[w]?.Join();
            }

            foreach (var worker in _workers)
            {
                if (worker is not null)
                {
                    _supervisor.Retire(worker);
                }
            }
        }

        /// <summary>One batch's shared cursor over its chunks.</summary>
        private sealed class Batch(BatchOutcome outcome, int chunks)
        {
            public readonly BatchOutcome Outcome = outcome;
            public readonly int Chunks = chunks;
            public int NextChunk = -1;
        }
    }
}
