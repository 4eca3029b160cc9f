using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Why;

/// <summary>A counter's median over a cell's measured samples, with the samples' range (per item or per batch).</summary>
public sealed record CounterFigure(double Median, double Min, double Max);

/// <summary>A counter that differs between the fastest and the slowest strategy at one W.</summary>
public sealed record CounterContrast(SampleCounter Counter, CounterFigure Slow, CounterFigure Fast)
{
    /// <summary>How far apart, as a ratio ≥ 1; +1 on both sides keeps a zero from making it infinite and damps tiny counts.</summary>
    public double Ratio => SampleCounter.Apart(Slow.Median, Fast.Median);
}

/// <summary>
/// The "why" behind a workload's timings: the tree's counters per item for each strategy at each W, and,
/// at the largest W where two strategies finished, the counters that differ most between the fastest and the
/// slowest of them. Only counters results.json carries (resources[].runtime, .kernel) appear; a file without
/// them gives an empty panel that says so.
/// </summary>
public sealed class WhyPanel
{
    /// <summary>Counters differing less than this factor are not singled out.</summary>
    public const double MinimumRatio = 2.0;

    public const int MostDifferent = 3;

    public WhyPanel(WorkloadGroup group)
    {
        Group = group;
        Cells = [.. group.Cells.Where(c => c.IsOk && c.Cell.Resources is { Count: > 0 }).OrderBy(c => group.Strategies.ToList().IndexOf(c.Strategy)).ThenBy(c => c.Workers)];
        Counters = [.. SampleCounter.All.Where(k => Cells.Any(c => Figure(c, k) is not null))];
        var contested = Cells.Where(c => c.MedianNs is not null).GroupBy(c => c.Workers).Where(g => g.Select(c => c.Strategy).Distinct().Count() >= 2).MaxBy(g => g.Key);
        if (contested is not null)
        {
            Fastest = contested.MinBy(c => c.MedianNs);
            Slowest = contested.MaxBy(c => c.MedianNs);
            Contrasts = [.. Counters
                .Select(k => (k, s: Figure(Slowest!, k), f: Figure(Fastest!, k)))
                .Where(x => x.s is not null && x.f is not null)
                .Select(x => new CounterContrast(x.k, x.s!, x.f!))
                .Where(x => x.Ratio >= MinimumRatio)
                .OrderByDescending(x => x.Ratio)
                .Take(MostDifferent)];
        }
    }

    public WorkloadGroup Group { get; }

    /// <summary>The ok cells with resources, by strategy then W.</summary>
    public IReadOnlyList<CellView> Cells { get; }

    /// <summary>The counters at least one cell carries.</summary>
    public IReadOnlyList<SampleCounter> Counters { get; }

    public CellView? Fastest { get; }

    public CellView? Slowest { get; }

    public IReadOnlyList<CounterContrast> Contrasts { get; } = [];

    public bool IsHighlighted(CellView cell, SampleCounter counter) =>
        (cell == Fastest || cell == Slowest) && Contrasts.Any(c => c.Counter == counter);

    /// <summary>Why there is nothing to show, or null.</summary>
    public string? Missing => Counters.Count == 0
        ? "no counters in results.json for these cells (runs before bench recorded runtime and kernel counters)"
        : null;

    /// <summary>One sentence: the counters that set the slowest strategy apart from the fastest, or why none does.</summary>
    public string Sentence()
    {
        if (Missing is { } missing)
        {
            return $"{Group.Workload}: {missing}.";
        }

        if (Fastest is null || Slowest is null)
        {
            return $"{Group.Workload}: no W with two strategies measured, so nothing to contrast.";
        }

        var head = $"{Group.Workload}, W={Fastest.Workers}: {Slowest.Strategy} (slowest, {Format.Duration(Slowest.MedianNs)}) vs {Fastest.Strategy} (fastest, {Format.Duration(Fastest.MedianNs)})";
        if (Contrasts.Count == 0)
        {
            return $"{head}: no counter differs by {MinimumRatio:0}× or more.";
        }

        return $"{head}: " + string.Join("; ", Contrasts.Select(c =>
            $"{c.Counter.Label} {Value(c.Slow.Median, c.Counter)} vs {Value(c.Fast.Median, c.Counter)}"
            + $" (ranges over samples {Value(c.Slow.Min, c.Counter)}–{Value(c.Slow.Max, c.Counter)} vs {Value(c.Fast.Min, c.Counter)}–{Value(c.Fast.Max, c.Counter)})")) + ".";
    }

    /// <summary>A counter's median over the cell's samples, per item (or per batch), with the range; null where the cell's samples lack it.</summary>
    public static CounterFigure? Figure(CellView cell, SampleCounter counter)
    {
        var values = counter.Values(cell.Cell);
        return counter.Median(cell.Cell) is { } median ? new CounterFigure(median, values[0], values[^1]) : null;
    }

    public static string Value(double value, SampleCounter counter) => counter.Unit switch
    {
        "ns" => Format.Duration(value),
        "B" => Format.Bytes((long)Math.Round(value)),
        _ => Format.Number(value),
    };
}
