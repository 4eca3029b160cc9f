using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Results;

/// <summary>
/// What a <c>bench-results/1</c> file meant, and how it becomes the current schema on read, so that
/// <c>bench report</c> and <c>bench compare</c> take old files as they are. Version 1 recorded only
/// strategy names, spelled <c>--gil</c> as the parameter <c>gil=on</c> and had one "efficiency" (over
/// the sequential loop). The migration works on the JSON before it is bound, so that the model has no
/// version-1 members; a file whose shape it does not recognise is left for the binder to refuse.
/// </summary>
public static class ResultsV1
{
    public const string SchemaId = "bench-results/1";

    /// <summary>The strategies bench-results/1 files name, as the harness of that version ran them.</summary>
    public static readonly IReadOnlyList<StrategyDescriptor> Strategies =
    [
        new() { Name = "threads", Family = StrategyFamily.Thread, GuideSection = "1.1 Creating Threads, 1.2 Locks", OsFloor = OsFloor.ThreadCreateJoin, DisplayOrder = 0 },
        new() { Name = "threadpool", Family = StrategyFamily.Thread, Pooled = true, GuideSection = "1.3 Thread Pool", OsFloor = OsFloor.TaskRun, DisplayOrder = 1 },
        new() { Name = "threadpool-async", Family = StrategyFamily.Thread, Pooled = true, Async = true, GuideSection = "1.3 Thread Pool (async variant)", OsFloor = OsFloor.TaskRun, DisplayOrder = 2 },
        new() { Name = "processes", Family = StrategyFamily.Process, GuideSection = "2.1 Creating Processes", OsFloor = OsFloor.ProcessSpawnWait, DisplayOrder = 3 },
        new() { Name = "process-pool", Family = StrategyFamily.Process, Pooled = true, GuideSection = "2.3 Process Pool", OsFloor = OsFloor.PipeRoundTrip, DisplayOrder = 4 },
    ];

    /// <summary>Rewrites a v1 document into the current schema, in place.</summary>
    public static void Migrate(JsonObject root)
    {
        root["schema"] = RunResults.SchemaId;
        root["strategies"] = JsonSerializer.SerializeToNode(Strategies, ResultsFile.Options);
        if (root["cells"] is not JsonArray cells)
        {
            return;
        }

        foreach (var cell in cells.OfType<JsonObject>())
        {
            MoveVariant(cell);
            RenameEfficiency(cell);
        }
    }

    // gil=on was a parameter; it is the variant now, and the workload's parameters are the workload's own.
    private static void MoveVariant(JsonObject cell)
    {
        if (cell["parameters"] is not JsonObject parameters)
        {
            return;
        }

        foreach (var variant in CellVariants.All)
        {
            if (parameters[variant] is JsonValue value && value.TryGetValue<string>(out var text) && text == CellKey.VariantOn)
            {
                parameters.Remove(variant);
                cell["variant"] = variant;
                return;
            }
        }
    }

    // v1's "efficiency" was over the sequential loop; the efficiency over W=1 follows from v1's own speedup.
    private static void RenameEfficiency(JsonObject cell)
    {
        if (cell["derived"] is not JsonObject derived)
        {
            return;
        }

        if (derived["efficiency"] is { } efficiency)
        {
            derived.Remove("efficiency");
            derived["efficiencyVsSequential"] = efficiency;
        }

        if (derived["speedupVsW1"] is JsonValue speedup && speedup.TryGetValue<double>(out var s) &&
            cell["workers"] is JsonValue workers && workers.TryGetValue<int>(out var w) &&
            DerivedFigures.Efficiency(s, w) is { } e && double.IsFinite(e))
        {
            derived["efficiencyVsW1"] = e;
        }
    }
}
