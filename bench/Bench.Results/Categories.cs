namespace Bench.Results;

/// <summary>Workload categories as results.json spells them (<see cref="CellResult.Category"/>), and how a report titles them.</summary>
public static class Categories
{
    public const string IoBound = "io-bound";
    public const string CpuBound = "cpu-bound";
    public const string Synchronization = "synchronization";

    /// <summary>Trivial items: what a batch costs is the strategy's own overhead.</summary>
    public const string Overhead = "overhead";

    public static string Title(string? category) => category switch
    {
        IoBound => "I/O-bound",
        CpuBound => "CPU-bound",
        Synchronization => "synchronization",
        Overhead => "overhead: trivial items, the strategy's own cost",
        null or "" => "uncategorised",
        _ => category,
    };
}
