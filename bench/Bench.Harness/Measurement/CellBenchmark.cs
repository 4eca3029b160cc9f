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

    // The cell's identity as BenchmarkDotNet parameters (one value each): BDN's exports — *-report-full.json's
    // FullName and Parameters, the Markdown table — then name the cell, and two cells of different sizes are
    // two benchmarks to BDN's tools and to bench compare, not one.
    [ParamsSource(nameof(WorkloadValue))]
    public string Workload { get; set; } = "";

    [ParamsSource(nameof(StrategyValue))]
    public string Strategy { get; set; } = "";

    [ParamsSource(nameof(WorkersValue))]
    public int W { get; set; }

    [ParamsSource(nameof(ParametersValue))]
    public string Parameters { get; set; } = "";

    public static IEnumerable<string> WorkloadValue() => [Current.Identity.Workload];

    public static IEnumerable<string> StrategyValue() => [Current.Identity.Strategy];

    public static IEnumerable<int> WorkersValue() => [Current.Identity.Workers];

    public static IEnumerable<string> ParametersValue() => [Current.Identity.Parameters];

    [IterationSetup]
    public void IterationSetup() => Current.BeforeIteration();

    [Benchmark]
    public void Batch() => Current.RunIteration();

    [IterationCleanup]
    public void IterationCleanup() => Current.AfterIteration();
}
