using System.Collections;
using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>One series of a report: a strategy, or a strategy under a variant (<c>threads-gil</c>).</summary>
/// <param name="Name">How tables and legends name it: the strategy's name, with "-variant" appended.</param>
/// <param name="Strategy">The strategy's descriptor from results.json.</param>
/// <param name="Variant">The cells' <see cref="CellResult.Variant"/>, or null.</param>
/// <param name="Colour">Hex colour (#RRGGBB) in every chart and swatch.</param>
public sealed record StrategySeries(string Name, StrategyDescriptor Strategy, string? Variant, string Colour)
{
    public bool IsThreadFamily => Strategy.IsThreadFamily;

    public bool IsProcessFamily => Strategy.IsProcessFamily;
}

/// <summary>
/// The series of one report in the order every table and legend shows them, and what the report knows
/// about each — all from the strategy descriptors in results.json, never from a strategy's name. Threads
/// before processes, as in the guide; within a family the plain strategies by their display order, then
/// their variants (GIL threads sit between .NET threads and processes: the guide's claim next to what
/// refutes it); strategies no descriptor describes last, by name. Colours come from the family and the
/// display order, so a strategy looks the same in every chart and in every run of the same build.
/// </summary>
public sealed class Strategies : IReadOnlyList<string>
{
    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and on paper.
    private static readonly string[] ThreadColours = ["#0072B2", "#56B4E9", "#009E73"];
    private static readonly string[] ProcessColours = ["#D55E00", "#E69F00"];
    private static readonly string[] VariantColours = ["#CC79A7", "#7F3C8D"];
    private static readonly string[] SpareColours = ["#3969AC", "#11A579", "#80BA5A", "#008695", "#A5AA99"];

    private readonly IReadOnlyList<string> _order;
    private readonly Dictionary<string, StrategySeries> _series = new(StringComparer.Ordinal);

    public Strategies(RunResults results)
    {
        // A strategy's place within its family, among every strategy the run describes (not only those it
        // measured), so that its colour does not depend on which others a run selected.
        var rank = results.Strategies
            .GroupBy(s => s.Family ?? "", StringComparer.Ordinal)
            .SelectMany(f => f.OrderBy(s => s.DisplayOrder).ThenBy(s => s.Name, StringComparer.Ordinal).Select((s, i) => (s.Name, Rank: i)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Rank, StringComparer.Ordinal);
        foreach (var cell in results.Cells)
        {
            var name = SeriesName(cell);
            if (!_series.ContainsKey(name))
            {
                var strategy = results.DescribeStrategy(cell.Strategy);
                _series[name] = new StrategySeries(name, strategy, cell.Variant, ColourOf(name, strategy, cell.Variant, rank.GetValueOrDefault(strategy.Name, int.MaxValue)));
            }
        }

        _order = [.. _series.Values
            .OrderBy(s => StrategyFamily.Rank(s.Strategy.Family))
            .ThenBy(s => s.Variant is null ? 0 : 1)
            .ThenBy(s => s.Variant, StringComparer.Ordinal)
            .ThenBy(s => s.Strategy.DisplayOrder)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name)];
    }

    public int Count => _order.Count;

    public string this[int index] => _order[index];

    /// <summary>The series a cell belongs to: its strategy, or "strategy-variant".</summary>
    public static string SeriesName(CellResult cell) => cell.Variant is null ? cell.Strategy : $"{cell.Strategy}-{cell.Variant}";

    /// <summary>The series of this report by name; a name it does not have is an unknown strategy.</summary>
    public StrategySeries Describe(string series) =>
        _series.TryGetValue(series, out var known) ? known : new StrategySeries(series, StrategyDescriptor.Unknown(series), null, Spare(series));

    /// <summary>The series' <see cref="StrategyFamily"/>, or null when unknown.</summary>
    public string? FamilyOf(string series) => Describe(series).Strategy.Family;

    public bool IsThreadFamily(string series) => Describe(series).IsThreadFamily;

    public bool IsProcessFamily(string series) => Describe(series).IsProcessFamily;

    /// <summary>The series runs under a CPython-like GIL (<c>bench run --gil</c>).</summary>
    public bool IsGil(string series) => Describe(series).Variant == CellVariants.Gil;

    public string Colour(string series) => Describe(series).Colour;

    /// <summary>The plain series (no variant) of one <see cref="StrategyFamily"/>, in display order.</summary>
    public IReadOnlyList<string> PlainOfFamily(string family) =>
        [.. _order.Where(s => Describe(s) is { Variant: null } series && series.Strategy.Family == family)];

    public IEnumerator<string> GetEnumerator() => _order.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string ColourOf(string name, StrategyDescriptor strategy, string? variant, int rank)
    {
        var palette = variant is not null ? VariantColours
            : strategy.IsThreadFamily ? ThreadColours
            : strategy.IsProcessFamily ? ProcessColours
            : [];
        return rank < palette.Length ? palette[rank] : Spare(name);
    }

    // Beyond a palette, a colour hashed from the name: stable across charts and runs.
    private static string Spare(string name)
    {
        var hash = 0;
        foreach (var c in name)
        {
            hash = unchecked(hash * 31 + c);
        }

        return SpareColours[(hash & 0x7fffffff) % SpareColours.Length];
    }
}
