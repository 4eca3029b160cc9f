using System.Text.Json.Serialization;

namespace Bench.Results;

/// <summary>
/// What a report or a comparison needs to know about a strategy, written by the run into results.json
/// (<see cref="RunResults.Strategies"/>) so that no reader has to recognise strategy names. The harness's
/// registry makes these; a reader of a <c>bench-results/1</c> file gets them from <see cref="ResultsV1"/>.
/// </summary>
public sealed record StrategyDescriptor
{
    /// <summary>The name cells carry in <see cref="CellResult.Strategy"/>.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="StrategyFamily.Thread"/> or <see cref="StrategyFamily.Process"/>: where items run. Null when unknown (a strategy a v1 file names that this version never had).</summary>
    public string? Family { get; init; }

    /// <summary>Workers are reused across items and batches.</summary>
    public bool Pooled { get; init; }

    /// <summary>Runs the workload's async form (no thread blocked while an item waits).</summary>
    public bool Async { get; init; }

    /// <summary>Where the guide teaches its Python counterpart.</summary>
    public string? GuideSection { get; init; }

    /// <summary>The calibration floor (an <see cref="OsFloor"/> key) the strategy's per-item cost is compared with; null: none.</summary>
    public string? OsFloor { get; init; }

    /// <summary>Position within its family in tables and legends (smaller first).</summary>
    public int DisplayOrder { get; init; }

    [JsonIgnore]
    public bool IsThreadFamily => Family == StrategyFamily.Thread;

    [JsonIgnore]
    public bool IsProcessFamily => Family == StrategyFamily.Process;

    /// <summary>A strategy no table describes: no family, shown after every described one.</summary>
    public static StrategyDescriptor Unknown(string name) => new() { Name = name, DisplayOrder = int.MaxValue };
}

/// <summary>The two families of the guide: items run on threads of one process, or in processes of their own.</summary>
public static class StrategyFamily
{
    public const string Thread = "thread";
    public const string Process = "process";

    /// <summary>The families in the guide's order (threads first); an unknown family sorts after them.</summary>
    public static int Rank(string? family) => family switch
    {
        Thread => 0,
        Process => 1,
        _ => 2,
    };

    /// <summary>How prose names the family: "threads", "processes".</summary>
    public static string Plural(string? family) => family switch
    {
        Thread => "threads",
        Process => "processes",
        _ => "other strategies",
    };
}
