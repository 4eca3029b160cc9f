using System.Diagnostics;
using Bench.Harness.Cell;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Measurement;
using Bench.Workloads;
using Bench.Workloads.Contract;

// The cost of the why-counters (runtime counters of the cell process and its workers, kernel counters
// of the tree), measured as a cell measures: batches alternate without and with the observers around
// them, in one run on one executor, so drift and load hit both alike. Two figures per cell:
//  - the timed batch with counters ÷ without (the reading is outside the timed region; this shows
//    whether it disturbs it anyway);
//  - the reading's own wall time per sample ÷ the median batch (what it adds to a cell's run time).
// Usage: bench-perf-counters [rounds]   (default 200)
var rounds = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 200;
WorkerLauncher launcher;
try
{
    launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine($"bench-perf-counters: {e.Message}");
    return 2;
}

Console.WriteLine($"bench-perf-counters: {Environment.ProcessorCount} logical cores, {rounds} rounds per cell, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine("cell                                 batch without   batch with   with/without   reading/sample   reading/batch");
(string Workload, string Strategy, int Workers, Dictionary<string, string> Parameters)[] cells =
[
    ("square", "threadpool", 4, new() { ["items"] = "256" }),
    ("sieve", "threads", 2, new()),
    ("sieve", "process-pool", 2, new()),
    ("sleep", "threadpool", 4, new() { ["items"] = "16", ["ms"] = "5" }),
];
foreach (var (name, strategyName, workers, parameters) in cells)
{
    var workload = WorkloadRegistry.Get(name);
    var strategy = StrategyRegistry.BuiltIn.Find(strategyName)!;
    using var session = workload.Open(WorkloadRegistry.Resolve(workload, parameters, quick: true, out _), new SessionShape(workers, strategy.Info.UsesProcesses));
    using var kernel = new KernelCounters(); // before the executor, as the cell process opens it
    using var executor = strategy.Create(new CellContext(workload, session, workers, null, launcher));
    ISampleObserver[] observers = [new RuntimeCountersObserver(executor), kernel];
    var without = new List<double>();
    var with = new List<double>();
    var reading = new List<double>();
    for (var round = -10; round < rounds; round++)
    {
        foreach (var counted in round % 2 == 0 ? new[] { false, true } : [true, false])
        {
            session.BeforeBatch();
            var outcome = new BatchOutcome(session.ItemCount, trace: false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var read = Stopwatch.GetTimestamp();
            if (counted)
            {
                Array.ForEach(observers, o => o.BeforeSample());
            }

            var start = Stopwatch.GetTimestamp();
            executor.ExecuteBatch(outcome);
            var end = Stopwatch.GetTimestamp();
            if (counted)
            {
                for (var i = observers.Length - 1; i >= 0; i--)
                {
                    observers[i].AfterSample();
                }

                Array.ForEach(observers, o => o.Observed(outcome));
            }

            var readEnd = Stopwatch.GetTimestamp();
            if (round < 0)
            {
                continue; // warm-up
            }

            var batch = Stopwatch.GetElapsedTime(start, end).TotalNanoseconds;
            (counted ? with : without).Add(batch);
            if (counted)
            {
                reading.Add(Stopwatch.GetElapsedTime(read, readEnd).TotalNanoseconds - batch);
            }
        }
    }

    double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    var (m0, m1, mr) = (Median(without), Median(with), Median(reading));
    Console.WriteLine($"{$"{name} {strategyName} W={workers}",-36} {m0 / 1e6,10:F3} ms {m1 / 1e6,10:F3} ms {m1 / m0,12:F3}× {mr / 1e3,13:F1} µs {mr / m0 * 100,13:F2} %");
}

Console.WriteLine("with/without: medians of interleaved batches (ratios near 1 within the spread of a shared machine mean no effect);");
Console.WriteLine("reading/batch: the observers' wall time per sample, outside the timed region, as a share of the median batch.");
return 0;
