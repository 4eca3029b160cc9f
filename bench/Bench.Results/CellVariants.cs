namespace Bench.Results;

/// <summary>
/// How a cell's items ran beside its strategy (<see cref="CellResult.Variant"/>): the same workload,
/// strategy and W under a changed runtime condition, reported as a series of its own.
/// </summary>
public static class CellVariants
{
    /// <summary><c>bench run --gil</c>: items of a thread strategy run under a CPython-like global interpreter lock (docs/sync.md).</summary>
    public const string Gil = "gil";

    /// <summary>Every variant this version writes; a bench-results/1 file spelled each as the parameter <c>name=on</c>.</summary>
    public static readonly IReadOnlyList<string> All = [Gil];
}
