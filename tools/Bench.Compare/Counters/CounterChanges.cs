using System.Globalization;
using Bench.Compare.Matching;
using Bench.Compare.Verdicts;
using Bench.Results;

namespace Bench.Compare.Counters;

/// <summary>
/// Beside a timing verdict that says a cell changed, the why-counters that changed most with it
/// (per item, medians over each side's samples): informational, never a gate, and only where both
/// sides recorded counters.
/// </summary>
public static class CounterChanges
{
    /// <summary>Counters moving less than this factor are not named.</summary>
    public const double MinimumRatio = 1.5;

    public const int MostChanged = 3;

    /// <summary>"minor page faults per item 12 → 9,400; …", or null when the cell did not change or no counter did.</summary>
    public static string? Describe(MatchedPair pair, Verdict verdict)
    {
        if (verdict is not (Verdict.Slower or Verdict.Faster) || pair.Baseline?.Counters is not { } before || pair.Current?.Counters is not { } after)
        {
            return null;
        }

        var changes = SampleCounter.All
            .Where(c => before.ContainsKey(c.Name) && after.ContainsKey(c.Name))
            .Select(c => (Counter: c, Before: before[c.Name], After: after[c.Name]))
            .Select(x => (x.Counter, x.Before, x.After, Ratio: SampleCounter.Apart(x.Before, x.After)))
            .Where(x => x.Ratio >= MinimumRatio)
            .OrderByDescending(x => x.Ratio)
            .Take(MostChanged)
            .Select(x => $"{x.Counter.Label} {Value(x.Before, x.Counter)} → {Value(x.After, x.Counter)}")
            .ToList();
        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    /// <summary>Each counter's median per item (or per batch) over the cell's samples; null when it recorded none.</summary>
    public static IReadOnlyDictionary<string, double>? Of(CellResult cell)
    {
        var medians = SampleCounter.All.Select(c => (c.Name, Median: c.Median(cell))).Where(x => x.Median is not null).ToDictionary(x => x.Name, x => x.Median!.Value);
        return medians.Count == 0 ? null : medians;
    }

    private static string Value(double value, SampleCounter counter) => counter.Unit switch
    {
        "ns" => Formats.Display.Time(value),
        "B" => value >= 1 << 20 ? $"{(value / (1 << 20)).ToString("0.##", CultureInfo.InvariantCulture)} MiB"
             : value >= 1 << 10 ? $"{(value / 1024).ToString("0.##", CultureInfo.InvariantCulture)} KiB"
             : $"{value.ToString("0.#", CultureInfo.InvariantCulture)} B",
        _ => value.ToString(value >= 100 ? "#,0" : value >= 1 ? "0.##" : "0.####", CultureInfo.InvariantCulture),
    };
}
