using Bench.Harness.Os;
using Bench.Results;

namespace Bench.Harness.Planning;

/// <summary>
/// Everything a cell process needs to measure one cell: pure data, written to a file by the run and
/// read by <c>bench cell</c>.
/// </summary>
public sealed record CellSpec
{
    public required string Workload { get; init; }

    public required string Strategy { get; init; }

    /// <summary>A <see cref="CellVariants"/> name (gil under --gil), or null.</summary>
    public string? Variant { get; init; }

    public required int Workers { get; init; }

    public int? ChunkSize { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required ProfileJob Job { get; init; }

    /// <summary>Target seconds for the measured iterations of one cell: fewer iterations (never under
    /// <see cref="Measurement.IterationBudget.MinimumIterations"/>) when batches are slow. Null: the job's count.</summary>
    public double? BudgetSeconds { get; init; }

    /// <summary>Where BenchmarkDotNet writes its log and exports for this cell.</summary>
    public required string BdnDirectory { get; init; }

    /// <summary>Where the run keeps its sequential references (one per workload, shared by its cells); null: measured for this cell alone.</summary>
    public string? SequentialDirectory { get; init; }

    /// <summary>Seconds one item may run before it counts as hung (docs/faults.md); null: no limit.</summary>
    public double? ItemTimeoutSeconds { get; init; }

    /// <summary>How often items of a worker that died or hung run again on a fresh worker (0 or 1).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Also run BDN's console output to the cell's stdout.</summary>
    public bool Verbose { get; init; }

    /// <summary>Keep the runtime's diagnostic endpoint (EventPipe, dotnet-trace) in this cell's process and its
    /// workers; off by default, so that a killed cell leaves no endpoint files behind.</summary>
    public bool DiagnosticIpc { get; init; }

    /// <summary><c>bench run --dry</c>: validate one batch against the reference and stop; nothing is timed.</summary>
    public bool ValidateOnly { get; init; }

    /// <summary>The user's assembly that holds this cell's workload (<c>--assembly</c>): the cell process and its
    /// workers load it first. Null for built-in workloads.</summary>
    public string? Assembly { get; init; }

    public string Key => CellKey.Of(Workload, Strategy, Workers, Parameters, Variant);

    /// <summary>A file-name-safe, readable id: "sieve-threads-w4-3f2a9c".</summary>
    public string FileId
    {
        get
        {
            var hash = (uint)Key.Aggregate(17, (h, c) => unchecked(h * 31 + c));
            return $"{Workload}-{Strategy}-w{Workers}-{hash:x8}";
        }
    }
}
