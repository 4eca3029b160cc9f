using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads.Contract;

namespace Bench.Harness.Measurement;

/// <summary>
/// What BenchmarkDotNet times in one cell: before each iteration a fresh batch is prepared, the
/// iteration runs the batch, and after it the batch's results are validated — every sample is checked
/// against the reference, not only the first. Per-sample observations (validity, errors, pipe bytes)
/// are collected here in iteration order.
/// With <paramref name="batchesPerSample"/> above 1 (<see cref="SampleLength"/>) it is BenchmarkDotNet's
/// invocation count: an iteration runs that many batches back to back and BDN reports their mean; each
/// later batch's preparation (<see cref="IWorkloadSession.BeforeBatch"/>)
/// then falls inside the timed region, which is nothing for the workloads whose batches are that short
/// (square, sleep, I/O); the results of every batch are validated after the iteration. A session whose
/// batches share state (<see cref="IWorkloadSession.BatchesShareState"/>) runs one batch per sample.
/// </summary>
public sealed class MeasurementTarget(IWorkloadSession session, ICellExecutor executor, int batchesPerSample = 1)
{
    private BatchOutcome? _current;
    private readonly List<BatchOutcome> _more = [];

    /// <summary>Batches each sample runs; a sample's time is divided by it.</summary>
    public int BatchesPerSample { get; } = session.BatchesShareState ? 1 : Math.Max(1, batchesPerSample);

    public List<SampleObservation> Observations { get; } = [];

    /// <summary>The cell's identity, given to BenchmarkDotNet as the benchmark's parameters so that its exports name the cell.</summary>
    public BdnCellIdentity Identity { get; init; } = BdnCellIdentity.Unnamed;

    /// <summary>Observers that measure around each sample (resources of the process tree, …); they nest, the last added nearest the sample.</summary>
    public List<ISampleObserver> Observers { get; } = [];

    public void BeforeIteration()
    {
        session.BeforeBatch();
        _current = new BatchOutcome(session.ItemCount, trace: false);
        _started = false;
        // What BenchmarkDotNet's GcForce does after the set-up (it is off in BdnMeasurement): each batch
        // starts on a collected heap. Done here, before the observers, so no sample's counters include it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        foreach (var observer in Observers)
        {
            observer.BeforeSample();
        }
    }

    /// <summary>One BenchmarkDotNet invocation: the prepared batch first, then a freshly prepared one each time.</summary>
    public void RunIteration()
    {
        if (!_started)
        {
            _started = true;
            executor.ExecuteBatch(_current!);
            return;
        }

        session.BeforeBatch();
        var next = new BatchOutcome(session.ItemCount, trace: false);
        executor.ExecuteBatch(next);
        _more.Add(next);
    }

    private bool _started;

    public void AfterIteration()
    {
        // Observers nest around the sample, the last added innermost: none of them sees another's reading.
        for (var i = Observers.Count - 1; i >= 0; i--)
        {
            Observers[i].AfterSample();
        }

        var outcome = _current!;
        _current = null;
        foreach (var observer in Observers)
        {
            observer.Observed(outcome);
        }

        // The sample's observation: the first batch that failed or did not validate, else the last one.
        var observation = Observe(outcome);
        foreach (var more in _more)
        {
            var next = Observe(more);
            if (observation.Error is null && observation.Validation is not { Ok: false })
            {
                observation = next;
            }
        }

        _more.Clear();
        Observations.Add(observation);
    }

    private SampleObservation Observe(BatchOutcome outcome)
    {
        Validation? validation = null;
        if (outcome.FirstError is null)
        {
            outcome.EnsureComplete();
            validation = session.Validate(outcome.Results);
        }

        return new SampleObservation(outcome.FirstError, outcome.ErrorCount, validation, outcome.PipeBytes);
    }
}

/// <param name="Error">First item error of the sample, or null.</param>
/// <param name="ErrorCount">How many items failed.</param>
/// <param name="Validation">The sample's validation (null when items failed).</param>
/// <param name="PipeBytes">Bytes that crossed worker pipes in the sample.</param>
public sealed record SampleObservation(string? Error, int ErrorCount, Validation? Validation, long PipeBytes);

/// <summary>Measures something around every timed sample, outside the timed region.</summary>
public interface ISampleObserver
{
    void BeforeSample();

    void AfterSample();

    /// <summary>After <see cref="AfterSample"/>, with what the batch itself recorded.</summary>
    void Observed(BatchOutcome outcome)
    {
    }
}
