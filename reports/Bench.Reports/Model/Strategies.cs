namespace Bench.Reports.Model;

/// <summary>
/// The strategies in the order every table and legend shows them (threads before processes, created
/// before pooled, as in the guide), and one fixed colour each so a strategy looks the same in every chart.
/// Names this version does not know still get a stable place (after the known ones, by name) and a colour.
/// </summary>
public static class Strategies
{
    public const string Threads = "threads";
    public const string ThreadPool = "threadpool";
    public const string ThreadPoolAsync = "threadpool-async";
    public const string Processes = "processes";
    public const string ProcessPool = "process-pool";

    /// <summary>Report-only series: thread-strategy cells run under <c>bench run --gil</c> (parameter gil=on), Python-like threads.</summary>
    public const string ThreadsGil = "threads-gil";
    public const string ThreadPoolGil = "threadpool-gil";

    /// <summary>The cell parameter that <c>--gil</c> adds.</summary>
    public const string GilParameter = "gil";

    // GIL threads sit between .NET threads and processes: the guide's claim next to what refutes it.
    private static readonly string[] KnownOrder = [Threads, ThreadPool, ThreadPoolAsync, ThreadsGil, ThreadPoolGil, Processes, ProcessPool];

    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and on paper.
    private static readonly Dictionary<string, string> KnownColours = new(StringComparer.Ordinal)
    {
        [Threads] = "#0072B2",
        [ThreadPool] = "#56B4E9",
        [ThreadPoolAsync] = "#009E73",
        [Processes] = "#D55E00",
        [ProcessPool] = "#E69F00",
        [ThreadsGil] = "#CC79A7",
        [ThreadPoolGil] = "#7F3C8D",
    };

    private static readonly string[] SpareColours = ["#CC79A7", "#7F3C8D", "#3969AC", "#11A579", "#80BA5A"];

    public static IReadOnlyList<string> Order(IEnumerable<string> present)
    {
        var distinct = present.Distinct(StringComparer.Ordinal).ToList();
        var known = KnownOrder.Where(distinct.Contains);
        var unknown = distinct.Where(s => !KnownOrder.Contains(s)).OrderBy(s => s, StringComparer.Ordinal);
        return known.Concat(unknown).ToList();
    }

    /// <summary>Hex colour (#RRGGBB) of a strategy; unknown strategies hash to a spare colour so they are stable across charts.</summary>
    public static string Colour(string strategy)
    {
        if (KnownColours.TryGetValue(strategy, out var colour))
        {
            return colour;
        }

        var hash = 0;
        foreach (var c in strategy)
        {
            hash = unchecked(hash * 31 + c);
        }

        return SpareColours[(hash & 0x7fffffff) % SpareColours.Length];
    }

    public static bool IsThreadFamily(string strategy) => strategy is Threads or ThreadPool or ThreadPoolAsync || IsGil(strategy);

    public static bool IsGil(string strategy) => strategy is ThreadsGil or ThreadPoolGil;

    /// <summary>The series a cell belongs to: its strategy, or its GIL series when it ran with gil=on.</summary>
    public static string SeriesOf(string strategy, IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue(GilParameter, out var gil) && gil == "on" ? strategy + "-gil" : strategy;

    public static bool IsProcessFamily(string strategy) => strategy is Processes or ProcessPool;
}
