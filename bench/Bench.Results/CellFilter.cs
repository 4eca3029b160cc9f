using System.Text.RegularExpressions;

namespace Bench.Results;

/// <summary>
/// <c>--filter GLOB</c> (repeatable) of <c>bench run</c>, <c>report</c> and <c>compare</c>: selects cells by
/// their key written as <c>workload/strategy/wW/parameters</c>, e.g. <c>sieve/process-pool/w4/n=2000000</c>.
/// <c>*</c> matches any run of characters (slashes too), <c>?</c> one character, case ignored. A glob may stop
/// after W (<c>sleep/threads/w2</c> selects that cell whatever its parameters), and W may be written without
/// its <c>w</c> (<c>sleep/threads/2</c>). A cell is selected when any of the globs matches it.
/// </summary>
public sealed class CellFilter
{
    private readonly IReadOnlyList<Regex> _patterns;

    private CellFilter(IReadOnlyList<string> globs)
    {
        Globs = globs;
        _patterns = globs.Select(ToRegex).ToList();
    }

    /// <summary>The globs as given.</summary>
    public IReadOnlyList<string> Globs { get; }

    /// <summary>A filter of <paramref name="globs"/>, or null when none is given (everything selected). Throws <see cref="ArgumentException"/> for an empty glob.</summary>
    public static CellFilter? Of(IReadOnlyList<string>? globs)
    {
        if (globs is not { Count: > 0 })
        {
            return null;
        }

        if (globs.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            throw new ArgumentException("--filter needs a glob over workload/strategy/wW/parameters, e.g. 'sieve/process-pool/*'");
        }

        return new CellFilter(globs);
    }

    /// <summary>Whether the cell with this <see cref="CellKey"/> text is selected.</summary>
    public bool Matches(string cellKey) => Candidates(cellKey).Any(text => _patterns.Any(p => p.IsMatch(text)));

    public bool Matches(CellResult cell) => Matches(cell.Key);

    /// <summary>"sieve|threads|w4|n=10" as the slash paths a glob is tried against: with and without the parameters, W with and without its w.</summary>
    public static IEnumerable<string> Candidates(string cellKey)
    {
        var parts = cellKey.Split('|');
        if (parts.Length < 3)
        {
            yield return cellKey; // not a bench cell (a BenchmarkDotNet case without bench's parameters): its own name
            yield break;
        }

        var head = $"{parts[0]}/{parts[1]}/{parts[2]}";
        var bareW = parts[2].StartsWith('w') ? $"{parts[0]}/{parts[1]}/{parts[2][1..]}" : head;
        var parameters = parts.Length > 3 && parts[3].Length > 0 ? "/" + string.Join("|", parts[3..]) : "";
        yield return head + parameters;
        yield return head;
        yield return bareW + parameters;
        yield return bareW;
    }

    /// <summary>The path of a cell key as shown by <c>bench run --list</c>.</summary>
    public static string PathOf(string cellKey) => Candidates(cellKey).First();

    private static Regex ToRegex(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override string ToString() => string.Join(", ", Globs);
}
