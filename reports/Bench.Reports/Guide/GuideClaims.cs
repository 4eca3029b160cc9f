using Bench.Results;

namespace Bench.Reports.Guide;

/// <summary>
/// What the guide (python-threading-and-multiprocessing.md, section 3 and the notes around it) claims,
/// row by row, quoted short. The two last rows are not in its table; they are what the guide implies
/// when it calls the pools "efficient".
/// </summary>
public static class GuideClaims
{
    public const string BestFor = "Best for";
    public const string Memory = "Memory";
    public const string Execution = "Execution";
    public const string Speed = "Speed";
    public const string RaceConditions = "Race conditions";
    public const string StartUp = "Start-up";
    public const string PerItemOverhead = "Per-item overhead";

    public static readonly IReadOnlyList<(string Feature, string Threads, string Processes)> Rows =
    [
        (BestFor, "I/O-bound tasks", "CPU-bound tasks"),
        (Memory, "Shared memory", "Separate memory"),
        (Execution, "Single core (GIL limitation)", "Multiple cores"),
        (Speed, "Faster for I/O", "Faster for CPU tasks"),
        (RaceConditions, "Possible (use Lock)", "No race conditions"),
        (StartUp, "Not in the guide's table", "Not in the guide's table; a Pool is \"efficient\" (2.3)"),
        (PerItemOverhead, "Thread pool: \"efficient for many short tasks\" (1.3)", "Not in the guide's table"),
    ];

    /// <summary>The family the guide recommends per category ("threads for I/O, processes for CPU"), in the headline's order.</summary>
    public static readonly IReadOnlyList<(string Category, string Family)> Recommendations =
    [
        (Categories.IoBound, StrategyFamily.Thread),
        (Categories.CpuBound, StrategyFamily.Process),
    ];

    /// <summary>The family the guide recommends for a category, or null where it recommends none.</summary>
    public static string? Recommends(string? category) =>
        Recommendations.Where(r => r.Category == category).Select(r => r.Family).FirstOrDefault();
}
