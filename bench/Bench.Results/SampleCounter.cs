namespace Bench.Results;

/// <summary>
/// The why-counters of a sample by name, one list for every reader (the report's why panel, bench compare's
/// counter changes): how each is read from <see cref="SampleResources"/>, and whether it is per batch.
/// </summary>
/// <param name="PerBatch">A state of the batch (thread-pool threads), not a cost of its items: never divided by items.</param>
public sealed record SampleCounter(string Name, string Unit, bool PerBatch, Func<SampleResources, double?> Read)
{
    public static IReadOnlyList<SampleCounter> All { get; } =
    [
        new("task clock", "ns", false, r => r.Kernel?.TaskClockNs),
        new("context switches", "", false, r => r.Kernel?.ContextSwitches),
        new("CPU migrations", "", false, r => r.Kernel?.CpuMigrations),
        new("minor page faults", "", false, r => r.Kernel?.MinorPageFaults),
        new("major page faults", "", false, r => r.Kernel?.MajorPageFaults),
        new("instructions", "", false, r => r.Kernel?.Instructions),
        new("cache misses", "", false, r => r.Kernel?.CacheMisses),
        new("allocated", "B", false, r => r.Runtime?.AllocatedBytes),
        new("GC collections", "", false, r => r.Runtime is { } c ? c.Gen0Collections + c.Gen1Collections + c.Gen2Collections : null),
        new("GC pause", "ns", false, r => r.Runtime?.GcPauseNs),
        new("lock contentions", "", false, r => r.Runtime?.LockContentions),
        new("JIT-compiled methods", "", false, r => r.Runtime?.JitCompiledMethods),
        new("pool threads injected", "", true, r => r.Runtime?.ThreadPoolThreadsInjected),
        new("pool threads at end", "", true, r => r.Runtime?.ThreadPoolThreadsAtEnd),
    ];

    public string Label => PerBatch ? $"{Name} per batch" : Unit.Length > 0 ? $"{Name} ({Unit}) per item" : $"{Name} per item";

    /// <summary>The counter over a cell's samples, per item (or per batch), sorted; empty where the samples lack it.</summary>
    public double[] Values(CellResult cell)
    {
        var items = Math.Max(1, cell.Items);
        return [.. (cell.Resources ?? [])
            .Select(Read)
            .Where(v => v is not null)
            .Select(v => PerBatch ? v!.Value : v!.Value / items)
            .Order()];
    }

    /// <summary>The median per item (or per batch) over the cell's samples, or null.</summary>
    public double? Median(CellResult cell)
    {
        var values = Values(cell);
        return values.Length == 0 ? null
            : values.Length % 2 == 1 ? values[values.Length / 2]
            : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>How far apart two figures are, as a ratio ≥ 1; +1 on both sides keeps a zero from making it infinite and damps tiny counts.</summary>
    public static double Apart(double a, double b) => Math.Max(a + 1, b + 1) / Math.Min(a + 1, b + 1);
}
