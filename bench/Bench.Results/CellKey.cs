namespace Bench.Results;

/// <summary>
/// The identity of a cell across runs: workload, strategy, workers and the sorted parameters, with the
/// variant among them. Used to match cells in <c>bench compare</c> and to skip finished cells on <c>--resume</c>.
/// </summary>
public static class CellKey
{
    /// <summary>How a variant stands among the key's parameters: <c>gil=on</c>.</summary>
    public const string VariantOn = "on";

    public static string Of(string workload, string strategy, int workers, IReadOnlyDictionary<string, string> parameters, string? variant = null) =>
        $"{workload}|{strategy}|w{workers}|{ParameterText(parameters, variant, ";")}";

    /// <summary>
    /// The parameters that tell cells apart, sorted by name: the workload's, and the variant as
    /// <c>name=on</c> — how bench-results/1 recorded it, so that a v1 and a v2 file of the same cells
    /// give them the same keys (and <c>--resume</c> and <c>bench compare</c> match them).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> IdentityParameters(IReadOnlyDictionary<string, string> parameters, string? variant) =>
        (variant is null ? parameters : parameters.Append(new(variant, VariantOn))).OrderBy(p => p.Key, StringComparer.Ordinal);

    /// <summary>"items=8;ms=20": the identity parameters as text, joined by <paramref name="separator"/>.</summary>
    public static string ParameterText(IReadOnlyDictionary<string, string> parameters, string? variant, string separator) =>
        string.Join(separator, IdentityParameters(parameters, variant).Select(p => $"{p.Key}={p.Value}"));
}
