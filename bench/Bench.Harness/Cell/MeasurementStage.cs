using Bench.Harness.Execution.Strategies;
using Bench.Harness.Measurement;
using Bench.Harness.Planning;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// Step 2 of a cell: BenchmarkDotNet times whole batches, every sample validated again
/// (<see cref="MeasurementTarget"/>), with the resources of the process tree observed around each sample.
/// </summary>
internal static class MeasurementStage
{
    /// <summary>What measuring produced: the samples, BDN's observations of every iteration, the resource and runtime readings.</summary>
    public sealed record Measured(IReadOnlyList<double> SamplesNs, IReadOnlyList<SampleObservation> Observations,
        ProcessTreeObserver Observer, RuntimeCountersObserver RuntimeObserver, KernelCounters Kernel, int BatchesPerSample = 1)
    {
        /// <summary>The observations of the measured samples (warm-ups left out).</summary>
        public IReadOnlyList<SampleObservation> OfSamples => Observations.TakeLast(SamplesNs.Count).ToList();

        /// <summary>Resources (with runtime counters) of the measured samples, or null when an observer missed some.</summary>
        public IReadOnlyList<SampleResources>? Resources =>
            Observer.Samples.Count >= SamplesNs.Count && RuntimeObserver.Samples.Count == Observer.Samples.Count
                ? Observer.Samples.Zip(RuntimeObserver.Samples, (r, c) => r with { Runtime = c.Tree, RuntimeWorkers = c.Workers })
                    .Zip(Kernel.Samples.Count == Observer.Samples.Count ? Kernel.Samples : Observer.Samples.Select(_ => (KernelCounterDeltas?)null), (r, k) => r with { Kernel = k })
                    .TakeLast(SamplesNs.Count)
                    // Per batch, like the samples: CPU and context switches of n batches ÷ n (memory is a level;
                    // runtime and kernel counters stay per sample, over its n batches).
                    .Select(r => BatchesPerSample == 1 ? r : r with
                    {
                        CpuUserNs = r.CpuUserNs / BatchesPerSample,
                        CpuSystemNs = r.CpuSystemNs / BatchesPerSample,
                        VoluntaryContextSwitches = r.VoluntaryContextSwitches / BatchesPerSample,
                        InvoluntaryContextSwitches = r.InvoluntaryContextSwitches / BatchesPerSample,
                    }).ToList()
                : null;
    }

    /// <param name="batchTime">How long the validation batch took: the iteration budget fits the job to it.</param>
    /// <param name="kernel">The kernel counters, opened before the executor (its threads and workers inherit them).</param>
    public static Measured Measure(CellSpec spec, StrategyInfo strategy, ICellExecutor executor, IWorkloadSession session, TimeSpan batchTime, KernelCounters kernel)
    {
        // A batch shorter than the minimum sample time runs several times per sample (BDN's invocation count).
        var minimum = SampleLength.Minimum;
        var warmBatch = session.BatchesShareState ? batchTime : SampleLength.WarmBatch(batchTime, minimum, () =>
        {
            session.BeforeBatch();
            executor.ExecuteBatch(new Execution.BatchOutcome(session.ItemCount, trace: false));
        });
        var target = new MeasurementTarget(session, executor, SampleLength.BatchesFor(warmBatch, minimum)) { Identity = BdnCellIdentity.Of(spec) };
        var observer = new ProcessTreeObserver(() => executor.LiveWorkerPids, strategy.SpawnsPerItem ? Math.Min(spec.Workers, session.ItemCount) : 0);
        target.Observers.Add(observer);
        var runtimeObserver = new RuntimeCountersObserver(executor);
        target.Observers.Add(runtimeObserver);
        target.Observers.Add(kernel); // innermost: the others' readings (a worker's counters request) stay out of it
        var job = IterationBudget.Fit(spec.Job, spec.BudgetSeconds, target.BatchesPerSample == 1 ? batchTime : warmBatch * target.BatchesPerSample);
        var samples = BdnMeasurement.Measure(target, job, spec.BdnDirectory, spec.Verbose);
        return new Measured(samples, target.Observations, observer, runtimeObserver, kernel, target.BatchesPerSample);
    }
}
