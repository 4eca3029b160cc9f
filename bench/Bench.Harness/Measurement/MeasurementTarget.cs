using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads.Contract;

namespace Bench.Harness.Measurement;

/// <summary>
/// What BenchmarkDotNet times in one cell: before each iteration a fresh batch is prepared, the
/// iteration runs the batch, and after it the batch's results are validated — every sample is checked
/// against the reference, not only the first. Per-sample observations (validity, errors, pipe bytes)
/// are collected here in iteration order.
/// </summary>
public sealed class MeasurementTarget(IWorkloadSession session, ICellExecutor executor)
{
    private BatchOutcome? _current;

    public List<SampleObservation> Observations { get; } = [];

    /// <summary>The cell's identity, given to BenchmarkDotNet as the benchmark's parameters so that its exports name the cell.</summary>
    public BdnCellIdentity Identity { get; init; } = BdnCellIdentity.Unnamed;

    /// <summary>Observers that measure around each sample (resources of the process tree, …); they nest, the last added nearest the sample.</summary>
    public List<ISampleObserver> Observers { get; } = [];

    public void BeforeIteration()
    {
        session.BeforeBatch();
        _current = new BatchOutcome(session.ItemCount, trace: false);
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

    public void RunIteration() => executor.ExecuteBatch(_current!);

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

        Validation? validation = null;
        if (outcome.FirstError is null)
        {
            outcome.EnsureComplete();
            validation = session.Validate(outcome.Results);
        }

        Observations.Add(new SampleObservation(outcome.FirstError, outcome.ErrorCount, validation, outcome.PipeBytes));
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
