using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>
/// One cell as the report shows it. Every figure prefers what results.json says (derived, statistics)
/// and falls back to what can be computed honestly from the cell's own samples; anything else is null,
/// which the report prints as "—". Figures are never invented: a missing CI stays missing.
/// </summary>
public sealed class CellView
{
    /// <param name="logicalCores">The machine's, from results.json: the most effective cores a cell can have.</param>
    public CellView(CellResult cell, int ordinal, int logicalCores)
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
        EffectiveCores = !IsOk ? null
            : cell.Derived is null ? DerivedFigures.EffectiveCores(cell.Resources, cell.SamplesNs, logicalCores, out _)
            : Positive(cell.Derived.EffectiveCores);
        PeakMemoryBytes = cell.Derived?.PeakTreeMemoryBytes is > 0 ? cell.Derived.PeakTreeMemoryBytes
            : cell.Resources is { Count: > 0 } r && r.Max(x => x.PeakRssBytes) > 0 ? r.Max(x => x.PeakRssBytes) : null;
        // PSS at the end of the sample where it was largest, with that sample's private and shared parts.
        Memory = cell.Resources?.Where(r => r.PssBytes > 0).MaxBy(r => r.PssBytes);
        OverheadPerItemNs = IsOk ? Finite(cell.Derived?.OverheadPerItemNs) : null;
        IdealNs = IsOk ? Positive(cell.Derived?.IdealNs) : null;
    }

    public CellResult Cell { get; }

    /// <summary>Position in results.json (plan order), for stable sorting and file names.</summary>
    public int Ordinal { get; }

    public bool IsOk { get; }

    public string Workload => Cell.Workload;

    /// <summary>The series: the cell's strategy, with "-variant" for a cell of a variant (threads-gil: GIL threads are their own line).</summary>
    public string Strategy => Strategies.SeriesName(Cell);

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

    /// <summary>The sample with the largest tree PSS (smaps_rollup), or null where results.json has none.</summary>
    public SampleResources? Memory { get; }

    public double? OverheadPerItemNs { get; }

    public double? IdealNs { get; }

    /// <summary>Speedup over W=1 of the same series and parameters (<see cref="DerivedMetrics.SpeedupVsW1"/>); set by <see cref="ReportData"/>.</summary>
    public double? SpeedupVsW1 { get; internal set; }

    /// <summary><see cref="SpeedupVsW1"/> ÷ W (<see cref="DerivedMetrics.EfficiencyVsW1"/>), the report's only efficiency.</summary>
    public double? EfficiencyVsW1 { get; internal set; }

    /// <summary>The confidence interval of <see cref="SpeedupVsW1"/> from both cells' samples (<see cref="Claims.ClaimOptions.Confidence"/>); null at W=1 or without samples.</summary>
    public (double Low, double High)? SpeedupInterval { get; internal set; }

    /// <summary><see cref="SpeedupInterval"/> ÷ W.</summary>
    public (double Low, double High)? EfficiencyInterval => SpeedupInterval is { } s ? (s.Low / Workers, s.High / Workers) : null;

    public long? LostUpdates => Cell.Validation?.LostUpdates;

    public string Label => $"{Workload} {Strategy} W={Workers}";

    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
