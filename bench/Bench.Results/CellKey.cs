namespace Bench.Results;

/// <summary>
/// The identity of a cell across runs: workload, strategy, workers and the sorted parameters. Used to
/// match cells in <c>bench compare</c> and to skip finished cells on <c>--resume</c>.
/// </summary>
public static class CellKey
{
    public static string Of(string workload, string strategy, int workers, IReadOnlyDictionary<string, string> parameters)
    {
        var ordered = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        return $"{workload}|{strategy}|w{workers}|{string.Join(";", ordered)}";
    }
}
