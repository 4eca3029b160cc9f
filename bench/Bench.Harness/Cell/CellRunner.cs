using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Gil;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Planning;
using Bench.Harness.Statistics;
using Bench.Results;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// Measures one cell, in the order that keeps numbers honest, one stage file per step:
/// 1. validate (<see cref="ValidationStage"/>) — one batch must equal the single-threaded reference, else
///    the cell is never timed;
/// 2. trace (<see cref="TraceStage"/>) — one separate instrumented batch for the timelines, on the warm
///    executor before measuring, or on a fresh one after measuring when the strategy traces its start-up;
/// 3. measure (<see cref="MeasurementStage"/>) — BenchmarkDotNet times whole batches; every sample is
///    validated again and the process tree's resources are observed around it;
/// 4. sequential reference (<see cref="SequentialReference"/>) — a plain loop over the items with no
///    executor alive beside it, the baseline of every speedup.
/// Statistics come last. Fixtures are always released, also when the cell fails.
/// </summary>
public static class CellRunner
{
    /// <param name="strategies">Where the cell's strategy is found: the built-in ones unless given.</param>
    public static CellResult Run(CellSpec spec, WorkerLauncher launcher, CellFaults? faults = null, StrategySet? strategies = null)
    {
        var workload = WorkloadRegistry.Get(spec.Workload);
        launcher = spec.Assembly is { } assembly ? launcher.ForAssembly(assembly) : launcher;
        var strategy = (strategies ?? StrategyRegistry.BuiltIn).Find(spec.Strategy) ?? throw new ArgumentException($"unknown strategy '{spec.Strategy}'");
        var cell = Unmeasured(spec, workload);
        IWorkloadSession? session = null;
        try
        {
            session = workload.Open(ParameterSet.From(spec.Parameters), new SessionShape(spec.Workers, strategy.Info.UsesProcesses));
            cell = cell with { Items = session.ItemCount };
            var context = new CellContext(workload, session, spec.Workers, spec.ChunkSize, launcher)
            {
                Faults = faults ?? CellFaults.None(),
                Gil = GilMode.IsOn(spec.Variant) ? new GlobalInterpreterLock() : null,
            };
            return Measure(spec, strategy, context, ref cell);
        }
        catch (Exception e) when (e is WorkerException or IOException or InvalidOperationException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            return cell with { Status = CellStatus.Failed, Error = e.Message };
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>The steps, in order, on an open session.</summary>
    /// <param name="cell">Kept up to date, so that a step that throws leaves what was known (chunk size, validation) in the failed cell.</param>
    private static CellResult Measure(CellSpec spec, IExecutionStrategy strategy, CellContext context, ref CellResult cell)
    {
        var session = context.Session;
        CellTrace? trace = null;
        MeasurementStage.Measured measured;
        // Before the executor: its threads and worker processes inherit the counters only if they exist first.
        using var kernel = new KernelCounters();
        using (var executor = strategy.Create(context))
        {
            cell = cell with { ChunkSize = executor.EffectiveChunkSize, PoolStartupNs = executor.StartupNs };
            (cell, var batchTime, var passed) = ValidationStage.Check(cell, executor, session);
            if (!passed)
            {
                return cell;
            }

            if (spec.ValidateOnly)
            {
                return cell with { Status = CellStatus.Ok }; // bench run --dry: validated, never timed
            }

            if (!strategy.Info.TracesStartup)
            {
                trace = TraceStage.Trace(executor, session);
            }

            measured = MeasurementStage.Measure(spec, strategy.Info, executor, session, batchTime, kernel);
        }

        if (ValidationStage.CheckSamples(cell, measured.Observations) is { } rejected)
        {
            return rejected;
        }

        if (strategy.Info.TracesStartup)
        {
            trace = TraceStage.TraceFresh(strategy, context);
        }

        var sequential = SequentialReference.Measure(context.Workload, session, spec.SequentialDirectory,
            $"{CellKey.Of(spec.Workload, "sequential", 1, spec.Parameters, spec.Variant)}|items={session.ItemCount}");
        var samples = measured.OfSamples;
        return CellMetrics.Complete(cell with
        {
            Derived = new DerivedMetrics
            {
                IdealNs = session.IdealBatchTime(spec.Workers)?.TotalNanoseconds,
                SequentialNs = sequential,
            },
            Status = CellStatus.Ok,
            Validation = RaceSummary.Summarize(cell.Validation, samples.Select(o => o.Validation), session, measured.SamplesNs),
            SamplesNs = measured.SamplesNs,
            BatchesPerSample = measured.BatchesPerSample == 1 ? null : measured.BatchesPerSample,
            Resources = measured.Resources,
            PipeBytesPerBatch = strategy.Info.UsesProcesses ? samples.LastOrDefault()?.PipeBytes : null,
            Trace = trace,
        });
    }

    /// <summary>The cell before anything ran: failed until a step says otherwise.</summary>
    private static CellResult Unmeasured(CellSpec spec, IWorkload workload) => new()
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

    /// <summary>The workload's category as results.json spells it (<see cref="Categories"/>).</summary>
    public static string CategoryName(WorkloadCategory category) => category switch
    {
        WorkloadCategory.IoBound => Categories.IoBound,
        WorkloadCategory.CpuBound => Categories.CpuBound,
        WorkloadCategory.Overhead => Categories.Overhead,
        _ => Categories.Synchronization,
    };
}
