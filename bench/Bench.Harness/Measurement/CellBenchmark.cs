using Bench.Harness.Execution.Strategies;
using BenchmarkDotNet.Attributes;

namespace Bench.Harness.Measurement;

/// <summary>
/// The class BenchmarkDotNet runs, in process. BDN instantiates benchmark classes itself, so the cell
/// to measure is handed over through <see cref="Target"/> — the one piece of static mutable state in
/// the harness, set by <see cref="BdnMeasurement"/> for exactly one BDN run and cleared after it.
/// Each cell runs in its own process, so there is never more than one.
/// </summary>
public class CellBenchmark
{
    internal static MeasurementTarget? Target { get; set; }

    private static MeasurementTarget Current =>
        Target ?? throw new InvalidOperationException("CellBenchmark runs only under BdnMeasurement");

    [IterationSetup]
    public void IterationSetup() => Current.BeforeIteration();

    [Benchmark]
    public void Batch() => Current.RunIteration();

    [IterationCleanup]
    public void IterationCleanup() => Current.AfterIteration();
}
