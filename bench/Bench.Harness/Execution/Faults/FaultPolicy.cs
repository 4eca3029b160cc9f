namespace Bench.Harness.Execution.Faults;

/// <summary>
/// How a cell treats faults. <paramref name="ItemTimeout"/>: how long one item may run before it counts as
/// hung (null: never); a chunk of c items in a worker gets c times as long. <paramref name="Retries"/>: how
/// many times the items of a worker that died, hung or broke the protocol run again on a fresh worker
/// (0 or 1). Items that throw are never retried: that is the workload's answer, not the worker's fault.
/// </summary>
public sealed record FaultPolicy(TimeSpan? ItemTimeout, int Retries)
{
    public const int DefaultRetries = 1;

    /// <summary>No timeout, one retry: for library callers that do not configure faults.</summary>
    public static FaultPolicy Default { get; } = new(null, DefaultRetries);

    /// <summary>The per-item timeout of a profile: generous, since items of the default sizes take 5–50 ms.</summary>
    public static TimeSpan DefaultItemTimeout(string profile) => profile switch
    {
        "quick" => TimeSpan.FromSeconds(30),
        _ => TimeSpan.FromSeconds(120),
    };

    public static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds % 1 == 0 ? "0" : "0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
