using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Bench.Results;

namespace Bench.Harness.Planning;

/// <summary>
/// How a cell's spec travels to its `bench cell` process: results.json's options, with compile-time
/// metadata for <see cref="CellSpec"/> too (the first thing every cell process reads; reflection-based
/// metadata cost ≈ 20–70 ms of its start). Compile-time metadata gives an init-only property missing from
/// the JSON its type's default, not its initializer (<see cref="CellSpec.Retries"/> = 1): safe here because
/// the spec is written whole, by the same build, just before the cell process reads it.
/// </summary>
public static class CellSpecJson
{
    public static readonly JsonSerializerOptions Options = new(ResultsFile.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CellSpecJsonContext.Default, ResultsFile.Options.TypeInfoResolver),
    };

    public static string Serialize(CellSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static CellSpec? Deserialize(string json) => JsonSerializer.Deserialize<CellSpec>(json, Options);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CellSpec))]
internal sealed partial class CellSpecJsonContext : JsonSerializerContext;
