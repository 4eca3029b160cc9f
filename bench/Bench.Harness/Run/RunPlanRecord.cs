using System.Globalization;
using System.Text.Json;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Planning;
using Bench.Results;
using Bench.Workloads;

namespace Bench.Harness.Run;

/// <summary>
/// OUT/plan.json: what a run was asked to measure — every option that shapes its cells, resolved (the
/// worker sweep as numbers, not "the default", so that a resume on another machine measures the same W),
/// and the cells' keys. <c>--resume OUT</c> alone continues that plan; an option given with it must agree
/// with the record, or the resume is refused naming the difference: a resumed run must not drop journaled
/// cells from results.json nor relabel a quick run as a default one.
/// </summary>
public sealed record RunPlanRecord
{
    public const string FileName = "plan.json";
    public const string SchemaId = "bench-plan/1";

    public string Schema { get; init; } = SchemaId;

    public required IReadOnlyList<string> Workloads { get; init; }

    public required IReadOnlyList<string> Strategies { get; init; }

    public required IReadOnlyList<int> Workers { get; init; }

    public required string Profile { get; init; }

    public required int Launches { get; init; }

    /// <summary>--param values as given: workload.name → value.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public int? ChunkSize { get; init; }

    public double? ItemTimeoutSeconds { get; init; }

    public int Retries { get; init; } = 1;

    public bool Gil { get; init; }

    /// <summary>--filter globs (optional: absent in plans of runs without one).</summary>
    public IReadOnlyList<string>? Filter { get; init; }

    /// <summary>--assembly, as a full path (optional: absent in plans of runs without one). A resume loads it again.</summary>
    public string? Assembly { get; init; }

    /// <summary>The cells' keys in plan order.</summary>
    public required IReadOnlyList<string> Cells { get; init; }

    /// <summary>The record of <paramref name="request"/> with its defaults resolved.</summary>
    public static RunPlanRecord Of(RunRequest request, IReadOnlyList<CellSpec> plan) => new()
    {
        Workloads = request.Workloads ?? [.. WorkloadRegistry.DefaultSelection.Select(w => w.Info.Name)],
        Strategies = request.Strategies ?? [.. StrategyRegistry.Strategies.Select(s => s.Info.Name)],
        Workers = request.Workers ?? RunPlan.DefaultWorkers(Environment.ProcessorCount),
        Profile = request.Profile.Name,
        Launches = Math.Max(1, request.Profile.Job.LaunchCount),
        Parameters = new SortedDictionary<string, string>(request.ParameterOverrides.ToDictionary(), StringComparer.Ordinal),
        ChunkSize = request.ChunkSize,
        ItemTimeoutSeconds = request.ItemTimeout?.TotalSeconds,
        Retries = request.Retries,
        Gil = request.Gil,
        Filter = request.Filter is { Count: > 0 } filter ? filter : null,
        Assembly = request.Assembly,
        Cells = [.. plan.Select(c => c.Key)],
    };

    /// <summary>The request this record was made from.</summary>
    public RunRequest ToRequest()
    {
        var profile = Planning.Profile.Find(Profile)
            ?? throw new RunDirectoryException($"{FileName} names profile '{Profile}', which this bench does not know");
        return new RunRequest
        {
            Workloads = Workloads,
            Strategies = Strategies,
            Workers = Workers,
            Profile = profile with { Job = profile.Job with { LaunchCount = Launches } },
            ParameterOverrides = Parameters,
            ChunkSize = ChunkSize,
            ItemTimeout = ItemTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            Retries = Retries,
            Gil = Gil,
            Filter = Filter,
            Assembly = Assembly,
        };
    }

    /// <summary>
    /// Where the options the user gave (<paramref name="given"/>: option names such as "--workers") ask for
    /// something else than this record: one phrase per difference, empty when they agree.
    /// </summary>
    public IReadOnlyList<string> Differences(RunPlanRecord asked, IReadOnlySet<string> given)
    {
        var differences = new List<string>();
        void Check(string option, string recorded, string now)
        {
            if (given.Contains(option) && recorded != now)
            {
                differences.Add($"{option} {now} differs from the run's {option} {recorded}");
            }
        }

        static string Set<T>(IEnumerable<T> values) => string.Join(",", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal));
        static string Map(IReadOnlyDictionary<string, string> map) =>
            map.Count == 0 ? "(none)" : string.Join(" ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        static string Optional<T>(T? value) where T : struct => value is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture)! : "(default)";

        Check("--workloads", Set(Workloads), Set(asked.Workloads));
        Check("--strategies", Set(Strategies), Set(asked.Strategies));
        Check("--workers", Set(Workers), Set(asked.Workers));
        Check("--profile", Profile, asked.Profile);
        Check("--launches", Launches.ToString(CultureInfo.InvariantCulture), asked.Launches.ToString(CultureInfo.InvariantCulture));
        Check("--param", Map(Parameters), Map(asked.Parameters));
        Check("--chunk-size", Optional(ChunkSize), Optional(asked.ChunkSize));
        Check("--item-timeout", Optional(ItemTimeoutSeconds), Optional(asked.ItemTimeoutSeconds));
        Check("--retry", Retries.ToString(CultureInfo.InvariantCulture), asked.Retries.ToString(CultureInfo.InvariantCulture));
        Check("--gil", Gil ? "on" : "off", asked.Gil ? "on" : "off");
        Check("--filter", Filter is null ? "(none)" : string.Join(" ", Filter), asked.Filter is null ? "(none)" : string.Join(" ", asked.Filter));
        Check("--assembly", Assembly ?? "(none)", asked.Assembly ?? "(none)");
        return differences;
    }

    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, ResultsFile.Options));

    /// <summary>The record in <paramref name="directory"/>, or null when it has none (a run of an older bench).</summary>
    public static RunPlanRecord? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<RunPlanRecord>(SafeInput.ReadText(path, "run plan"), ResultsFile.Options);
            return record is { Schema: SchemaId, Workloads: not null, Strategies: not null, Workers: not null, Profile: not null, Parameters: not null, Cells: not null }
                ? record
                : throw new RunDirectoryException($"{path} is not a {SchemaId} plan");
        }
        catch (JsonException e)
        {
            throw new RunDirectoryException($"{path} is not a readable plan: {e.Message.Split('\n')[0]}");
        }
    }
}
