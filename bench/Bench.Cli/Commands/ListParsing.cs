using System.Globalization;

namespace Bench.Cli.Commands;

/// <summary>Parses the comma-separated list options (--workloads a,b; --workers 1,2,4).</summary>
internal static class ListParsing
{
    public static IReadOnlyList<string>? Names(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<int>? Workers(string? value)
    {
        var parts = Names(value);
        if (parts is null)
        {
            return null;
        }

        var list = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w < 1 || w > 4096)
            {
                throw new BadInputException($"--workers '{part}' is not a worker count; give integers from 1 to 4096, e.g. --workers 1,2,4");
            }

            list.Add(w);
        }

        return list.Distinct().Order().ToList();
    }

    /// <summary>--param workload.name=value, repeatable.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(string[]? values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=');
            if (eq <= 0 || !value[..eq].Contains('.'))
            {
                throw new BadInputException($"--param '{value}' must look like workload.name=value, e.g. --param sleep.ms=10");
            }

            map[value[..eq]] = value[(eq + 1)..];
        }

        return map;
    }
}
