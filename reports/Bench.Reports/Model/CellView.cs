using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>
/// One cell as the report shows it. Every figure prefers what results.json says (derived, statistics)
/// and falls back to what can be computed honestly from the cell's own samples; anything else is null,
/// which the report prints as "—". Figures are never invented: a missing CI stays missing.
/// </summary>
public sealed class CellView
{
    public CellView(CellResult cell, int ordinal)
    {
        Cell = cell;
        Ordinal = ordinal;
        IsOk = cell.Status == CellStatus.Ok;
        var samples = cell.SamplesNs.Where(s => double.IsFinite(s) && s > 0).ToArray();
        Samples = samples;
        MedianNs = IsOk ? Positive(cell.MedianNs) ?? Positive(cell.Statistics?.MedianNs) ?? Stats.Median(samples) : null;
        ItemsPerSecond = IsOk
            ? Positive(cell.Derived?.ItemsPerSecond) ?? (MedianNs is { } m && cell.Items > 0 ? cell.Items / (m / 1e9) : null)
            : null;

        if (IsOk && cell.Statistics is { } stats && stats.CiUpperNs > 0 && stats.CiLowerNs > 0 && stats.CiUpperNs >= stats.CiLowerNs)
        {
            CiLowerNs = stats.CiLowerNs;
            CiUpperNs = stats.CiUpperNs;
            CiLevel = stats.CiLevel > 0 ? stats.CiLevel : null;
        }

        CoefficientOfVariation = IsOk ? Finite(cell.Statistics?.CoefficientOfVariation) ?? Stats.CoefficientOfVariation(samples) : null;
        MValue = IsOk ? Positive(cell.Statistics?.MValue) : null;
        // A harness that wrote derived metrics and left effective cores out did so on purpose (batches too
        // short to attribute CPU, or an impossible figure, see its warning): recompute only for files without them.
        EffectiveCores = !IsOk ? null : cell.Derived is null ? EffectiveCoresFromResources(cell, samples) : Positive(cell.Derived.EffectiveCores);
        PeakMemoryBytes = cell.Derived?.PeakTreeMemoryBytes is > 0 ? cell.Derived.PeakTreeMemoryBytes
            : cell.Resources is { Count: > 0 } r && r.Max(x => x.PeakRssBytes) > 0 ? r.Max(x => x.PeakRssBytes) : null;
        OverheadPerItemNs = IsOk ? Finite(cell.Derived?.OverheadPerItemNs) : null;
        IdealNs = IsOk ? Positive(cell.Derived?.IdealNs) : null;
    }

    public CellResult Cell { get; }

    /// <summary>Position in results.json (plan order), for stable sorting and file names.</summary>
    public int Ordinal { get; }

    public bool IsOk { get; }

    public string Workload => Cell.Workload;

    /// <summary>The series: the cell's strategy, with "-gil" for a cell run under <c>--gil</c> (so GIL threads are their own line).</summary>
    public string Strategy => Strategies.SeriesOf(Cell.Strategy, Cell.Parameters);

    public int Workers => Cell.Workers;

    public IReadOnlyList<double> Samples { get; }

    public double? MedianNs { get; }

    public double? ItemsPerSecond { get; }

    public double? CiLowerNs { get; }

    public double? CiUpperNs { get; }

    public double? CiLevel { get; }

    /// <summary>Throughput bounds from the time CI (a shorter batch is a higher throughput).</summary>
    public (double Low, double High)? ItemsPerSecondCi =>
        CiLowerNs is { } lo && CiUpperNs is { } hi && Cell.Items > 0 ? (Cell.Items / (hi / 1e9), Cell.Items / (lo / 1e9)) : null;

    public double? CoefficientOfVariation { get; }

    public double? MValue { get; }

    public double? EffectiveCores { get; }

    public long? PeakMemoryBytes { get; }

    public double? OverheadPerItemNs { get; }

    public double? IdealNs { get; }

    /// <summary>Speedup over W=1 of the same strategy and parameters; set by <see cref="ReportData"/>.</summary>
    public double? Speedup { get; internal set; }

    /// <summary>Speedup ÷ W.</summary>
    public double? Efficiency { get; internal set; }

    public long? LostUpdates => Cell.Validation?.LostUpdates;

    public string Label => $"{Workload} {Strategy} W={Workers}";

    private static double? EffectiveCoresFromResources(CellResult cell, double[] samples)
    {
        // CPU time of the whole tree over wall time, per sample, when both are there and aligned.
        if (cell.Resources is not { Count: > 0 } resources || resources.Count != cell.SamplesNs.Count)
        {
            return null;
        }

        var ratios = resources.Zip(cell.SamplesNs)
            .Where(p => p.Second > 0 && p.First.CpuUserNs + p.First.CpuSystemNs > 0)
            .Select(p => (p.First.CpuUserNs + p.First.CpuSystemNs) / p.Second)
            .ToArray();
        return ratios.Length == 0 || samples.Length == 0 ? null : Stats.Median(ratios);
    }

    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
