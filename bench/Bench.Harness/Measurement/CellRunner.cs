using Bench.Harness.Execution;
using Bench.Harness.Planning;
using Bench.Harness.Strategies;
using Bench.Harness.Workers;
using Bench.Results;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Measurement;

/// <summary>
/// Measures one cell, in the order that keeps numbers honest:
/// 1. validate — one batch under the strategy must equal the single-threaded reference, else the cell
///    is <c>invalid</c> (or <c>failed</c> when items throw) and is never timed;
/// 2. measure — BenchmarkDotNet times whole batches; every sample is validated again;
/// 3. trace — one separate, instrumented batch (never mixed into the samples) for the timelines.
/// Fixtures are always released, also when the cell fails.
/// </summary>
public static class CellRunner
{
    public static CellResult Run(CellSpec spec, WorkerLauncher launcher, Faults.CellFaults? faults = null)
    {
        var workload = WorkloadRegistry.Get(spec.Workload);
        var strategy = StrategyRegistry.Find(spec.Strategy) ?? throw new ArgumentException($"unknown strategy '{spec.Strategy}'");
        var parameters = ParameterSet.From(spec.Parameters);
        var result = new CellResult
        {
            Workload = spec.Workload,
            Category = CategoryName(workload.Info.Category),
            Strategy = spec.Strategy,
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
            var context = new CellContext(workload, session, spec.Workers, spec.ChunkSize, launcher) { Faults = faults ?? Faults.CellFaults.None() };

            IReadOnlyList<double> samples;
            MeasurementTarget target;
            using (var executor = strategy.Create(context))
            {
                result = result with { ChunkSize = executor.EffectiveChunkSize, PoolStartupNs = executor.StartupNs };

                // 1. Validate before timing anything.
                var check = new BatchOutcome(session.ItemCount, trace: false);
                session.BeforeBatch();
                executor.ExecuteBatch(check);
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

                // 2. Measure.
                target = new MeasurementTarget(session, executor);
                samples = BdnMeasurement.Measure(target, spec.Job, spec.BdnDirectory, spec.Verbose);
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

            // 3. Trace, with a fresh executor so that a pool's start-up shows on the timeline.
            CellTrace? trace;
            using (var executor = strategy.Create(context))
            {
                var traced = new BatchOutcome(session.ItemCount, trace: true);
                session.BeforeBatch();
                executor.ExecuteBatch(traced);
                trace = traced.FirstError is null ? traced.ToTrace() : null;
            }

            var sorted = samples.OrderBy(s => s).ToArray();
            var median = Median(sorted);
            var ideal = session.IdealBatchTime(spec.Workers)?.TotalNanoseconds;
            return result with
            {
                Derived = new DerivedMetrics
                {
                    ItemsPerSecond = session.ItemCount / (median / 1e9),
                    IdealNs = ideal,
                    // Worker-time lost per item over the ideal: (median − ideal) · W / n.
                    OverheadPerItemNs = ideal is { } i ? (median - i) * spec.Workers / session.ItemCount : null,
                },
                Status = CellStatus.Ok,
                SamplesNs = samples,
                MedianNs = median,
                PipeBytesPerBatch = strategy.Info.UsesProcesses ? measured.LastOrDefault()?.PipeBytes : null,
                Trace = trace,
            };
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

    public static string CategoryName(WorkloadCategory category) => category switch
    {
        WorkloadCategory.IoBound => "io-bound",
        WorkloadCategory.CpuBound => "cpu-bound",
        _ => "synchronization",
    };

    private static string Describe(string first, int count) =>
        count > 1 ? $"{first} (and {count - 1} more failed items)" : first;

    private static ValidationResult ToResult(Validation v) => new(v.Expected, v.Actual, v.Ok, v.Note, v.LostUpdates);

    private static double Median(double[] sorted) =>
        sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
