namespace Bench.Harness.Planning;

/// <summary>
/// Expands <c>--param</c> values that list several choices (<c>counter.sync=none,lock,interlocked</c>) into
/// every combination, in the order given, so one run can hold a whole experiment. Parameter values
/// never contain commas (integers and choices), so a comma is unambiguous.
/// </summary>
public static class ParameterSweep
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Expand(IReadOnlyDictionary<string, string> overrides)
    {
        IReadOnlyList<Dictionary<string, string>> combinations = [new Dictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, value) in overrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var choices = value.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            combinations = combinations
                .SelectMany(c => choices.Select(choice => new Dictionary<string, string>(c, StringComparer.Ordinal) { [name] = choice }))
                .ToList();
        }

        return combinations;
    }
}
