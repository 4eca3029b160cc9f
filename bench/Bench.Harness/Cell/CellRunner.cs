using Bench.Harness.Execution;
using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Gil;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Measurement;
using Bench.Harness.Planning;
using Bench.Harness.Statistics;
using Bench.Results;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// Measures one cell, in the order that keeps numbers honest:
/// 1. validate — one batch under the strategy must equal the single-threaded reference, else the cell
///    is <c>invalid</c> (or <c>failed</c> when items throw) and is never timed;
/// 2. measure — BenchmarkDotNet times whole batches; every sample is validated again;
/// 3. trace — one separate, instrumented batch (never mixed into the samples) for the timelines, on the
///    measured executor right after validation, warm like the samples (a process pool: on a fresh pool
///    after measuring, to show its start-up);
/// 4. sequential reference — a plain loop over the items, the baseline of every speedup.
/// Resources of the process tree are observed around every sample; statistics come last.
/// Fixtures are always released, also when the cell fails.
/// </summary>
public static class CellRunner
{
    /// <param name="strategies">Where the cell's strategy is found: the built-in ones unless given.</param>
    public static CellResult Run(CellSpec spec, WorkerLauncher launcher, CellFaults? faults = null, StrategySet? strategies = null)
    {
        var workload = WorkloadRegistry.Get(spec.Workload);
        launcher = spec.Assembly is { } assembly ? launcher.ForAssembly(assembly) : launcher;
        var strategy = (strategies ?? StrategyRegistry.BuiltIn).Find(spec.Strategy) ?? throw new ArgumentException($"unknown strategy '{spec.Strategy}'");
        var parameters = ParameterSet.From(spec.Parameters);
        var result = new CellResult
        {
            Workload = spec.Workload,
            Category = CategoryName(workload.Info.Category),
            Strategy = spec.Strategy,
            Variant = spec.Variant,
            Workers = spec.Workers,
            Items = 0,
            Parameters = spec.Parameters,
            Status = CellStatus.Failed,
        };

        IWorkloadSession? session = null;
        try
        {
            session = workload.Open(parameters, new SessionShape(spec.Workers, strategy.Info.UsesProcesses));
            result = result with { Items = session.ItemCount };
            var context = new CellContext(workload, session, spec.Workers, spec.ChunkSize, launcher) { Faults = faults ?? CellFaults.None(), Gil = GilMode.IsOn(spec.Variant) ? new GlobalInterpreterLock() : null };

            // Before the executor: its threads and worker processes inherit the counters only if they exist first.
            using var kernel = new KernelCounters();
            IReadOnlyList<double> samples;
            MeasurementTarget target;
            ProcessTreeObserver observer;
            RuntimeCountersObserver runtimeObserver;
            CellTrace? trace = null;
            // A process pool's timeline is for its start-up: it is traced on a fresh pool. Every other
            // strategy is traced on the executor it is measured with, warm, so that its timeline shows a
            // batch like the ones the samples timed.
            var traceFreshPool = strategy.Info.UsesProcesses && strategy.Info.Pooled;
            using (var executor = strategy.Create(context))
            {
                result = result with { ChunkSize = executor.EffectiveChunkSize, PoolStartupNs = executor.StartupNs };

                // 1. Validate before timing anything.
                var check = new BatchOutcome(session.ItemCount, trace: false);
                session.BeforeBatch();
                var checkStart = System.Diagnostics.Stopwatch.GetTimestamp();
                executor.ExecuteBatch(check);
                var batchTime = System.Diagnostics.Stopwatch.GetElapsedTime(checkStart);
                if (check.FirstError is not null)
                {
                    return result with { Error = Describe(check.FirstError, check.ErrorCount) };
                }

                check.EnsureComplete();
                var validation = session.Validate(check.Results);
                result = result with { Validation = ToResult(validation) };
                if (!validation.Ok)
                {
                    return result with
                    {
                        Status = CellStatus.Invalid,
                        Error = $"result {validation.Actual} differs from the single-threaded reference {validation.Expected}",
                    };
                }

                if (spec.ValidateOnly)
                {
                    return result with { Status = CellStatus.Ok }; // bench run --dry: validated, never timed
                }

                // 3. Trace, before measuring (in-process strategies and processes): the traced batch follows the
                // validation batch on the same executor, warm as the samples are. After BDN's summary and
                // exports the executor had sat idle, and a traced threadpool batch of microsecond items
                // took 4–19× the median sample (pool threads parked); on a fresh executor 1.5–14×.
                if (!traceFreshPool)
                {
                    trace = TraceBatch(executor, session);
                }

                // 2. Measure.
                target = new MeasurementTarget(session, executor) { Identity = BdnCellIdentity.Of(spec) };
                var spawnsPerItem = strategy.Info.UsesProcesses && !strategy.Info.Pooled;
                observer = new ProcessTreeObserver(() => executor.LiveWorkerPids, spawnsPerItem ? Math.Min(spec.Workers, session.ItemCount) : 0);
                target.Observers.Add(observer);
                runtimeObserver = new RuntimeCountersObserver(executor);
                target.Observers.Add(runtimeObserver);
                target.Observers.Add(kernel); // innermost: the others' readings (a worker's counters request) stay out of it
                var job = IterationBudget.Fit(spec.Job, spec.BudgetSeconds, batchTime);
                samples = BdnMeasurement.Measure(target, job, spec.BdnDirectory, spec.Verbose);
            }

            var measured = target.Observations.TakeLast(samples.Count).ToList();
            var failedSample = target.Observations.FirstOrDefault(o => o.Error is not null);
            if (failedSample is not null)
            {
                return result with { Error = Describe(failedSample.Error!, failedSample.ErrorCount) };
            }

            var invalidSample = target.Observations.FirstOrDefault(o => o.Validation is { Ok: false });
            if (invalidSample is not null)
            {
                return result with
                {
                    Status = CellStatus.Invalid,
                    Validation = ToResult(invalidSample.Validation!),
                    Error = $"a measured batch returned {invalidSample.Validation!.Actual}, not the reference {invalidSample.Validation.Expected}",
                };
            }

            // 3. Trace (process-pool): the first batch of a fresh pool, so that its start-up shows on the timeline.
            if (traceFreshPool)
            {
                using var executor = strategy.Create(context);
                trace = TraceBatch(executor, session);
            }

            // 4. The sequential reference, with no executor alive beside it.
            var sequential = SequentialReference.Measure(workload, session,
                Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(spec.BdnDirectory)))!, "sequential"),
                $"{CellKey.Of(spec.Workload, "sequential", 1, spec.Parameters, spec.Variant)}|items={session.ItemCount}");
            var resources = observer.Samples.Count >= samples.Count && runtimeObserver.Samples.Count == observer.Samples.Count
                ? observer.Samples.Zip(runtimeObserver.Samples, (r, c) => r with { Runtime = c.Tree, RuntimeWorkers = c.Workers })
                    .Zip(kernel.Samples.Count == observer.Samples.Count ? kernel.Samples : observer.Samples.Select(_ => (KernelCounterDeltas?)null), (r, k) => r with { Kernel = k }).TakeLast(samples.Count).ToList()
                : null;
            return CellMetrics.Complete(result with
            {
                Derived = new DerivedMetrics
                {
                    IdealNs = session.IdealBatchTime(spec.Workers)?.TotalNanoseconds,
                    SequentialNs = sequential,
                },
                Status = CellStatus.Ok,
                Validation = RaceSummary.Summarize(result.Validation, measured.Select(o => o.Validation), session, samples),
                SamplesNs = samples,
                Resources = resources,
                PipeBytesPerBatch = strategy.Info.UsesProcesses ? measured.LastOrDefault()?.PipeBytes : null,
                Trace = trace,
            });
        }
        catch (Exception e) when (e is WorkerException or IOException or InvalidOperationException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            return result with { Status = CellStatus.Failed, Error = e.Message };
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>One instrumented batch (never a sample): which thread or process ran each item, and when.</summary>
    private static CellTrace? TraceBatch(ICellExecutor executor, IWorkloadSession session)
    {
        // The batch's preparation first, as before a sample: the trace's clock starts (with the outcome)
        // where a sample's does. Started before it, blur's timelines began with the destination image
        // being cleared.
        session.BeforeBatch();
        var traced = new BatchOutcome(session.ItemCount, trace: true);
        executor.ExecuteBatch(traced);
        return traced.FirstError is null ? traced.ToTrace() : null;
    }

    /// <summary>The workload's category as results.json spells it (<see cref="Categories"/>).</summary>
    public static string CategoryName(WorkloadCategory category) => category switch
    {
        WorkloadCategory.IoBound => Categories.IoBound,
        WorkloadCategory.CpuBound => Categories.CpuBound,
        WorkloadCategory.Overhead => Categories.Overhead,
        _ => Categories.Synchronization,
    };

    private static string Describe(string first, int count) =>
        count > 1 ? $"{first} (and {count - 1} more failed items)" : first;

    private static ValidationResult ToResult(Validation v) => new(v.Expected, v.Actual, v.Ok, v.Note, v.LostUpdates);
}
