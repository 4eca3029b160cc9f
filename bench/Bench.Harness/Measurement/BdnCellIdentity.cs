using Bench.Harness.Planning;
using Bench.Results;

namespace Bench.Harness.Measurement;

/// <summary>
/// What BenchmarkDotNet is told a cell is: workload, strategy, W and the identity parameters
/// (<see cref="CellKey.ParameterText"/>, the variant among them), as the benchmark's parameters.
/// </summary>
public sealed record BdnCellIdentity(string Workload, string Strategy, int Workers, string Parameters)
{
    /// <summary>For a target measured outside a cell (none in bench; a library caller's).</summary>
    public static readonly BdnCellIdentity Unnamed = new("", "", 0, "");

    public static BdnCellIdentity Of(CellSpec spec) =>
        new(spec.Workload, spec.Strategy, spec.Workers, CellKey.ParameterText(spec.Parameters, spec.Variant, ";"));
}
