using System.Text.Json;
using Bench.Results;

namespace Bench.Harness.Ab;

/// <summary>
/// DIR/ab-plan.json: what a <c>bench ab</c> run compares and in which order — the two sides as given, the
/// seed of its <see cref="RoundSchedule"/> and the number of rounds. The matrix itself is each side's own
/// plan.json (DIR/a, DIR/b are ordinary run directories). <c>bench ab --resume DIR</c> reads it back.
/// </summary>
public sealed record AbPlanRecord
{
    public const string FileName = "ab-plan.json";
    public const string SchemaId = "bench-ab-plan/1";

    public string Schema { get; init; } = SchemaId;

    public required string A { get; init; }

    public required string B { get; init; }

    public required int Seed { get; init; }

    public required int Rounds { get; init; }

    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, ResultsFile.Options));

    /// <summary>The record in <paramref name="directory"/>; a missing or foreign file throws <see cref="AbInputException"/>.</summary>
    public static AbPlanRecord Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new AbInputException($"--resume {directory}: no {FileName} there (not a bench ab directory)");
        }

        try
        {
            var record = JsonSerializer.Deserialize<AbPlanRecord>(SafeInput.ReadText(path, FileName), ResultsFile.ReadOptions);
            return record is { Schema: SchemaId, Rounds: >= 1 } && !string.IsNullOrEmpty(record.A) && !string.IsNullOrEmpty(record.B)
                ? record
                : throw new AbInputException($"--resume {directory}: {FileName} is not a {SchemaId} plan");
        }
        catch (Exception e) when (e is JsonException or ResultsFileException)
        {
            throw new AbInputException($"--resume {directory}: {FileName} is unreadable: {e.Message.Split('\n')[0]}");
        }
    }
}
