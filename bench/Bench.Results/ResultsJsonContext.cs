using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Results;

/// <summary>
/// Compile-time JSON metadata for writing the results model (<see cref="ResultsFile.WriteOptions"/>). Every
/// cell is a fresh process that writes its result once: with reflection-based metadata, System.Text.Json
/// spent 30–75 ms of each cell discovering properties and emitting accessors. The options of
/// <see cref="ResultsFile.Options"/> still apply (naming, null handling, indentation).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RunResults))]
[JsonSerializable(typeof(CellResult))]
[JsonSerializable(typeof(EnvironmentInfo))]
[JsonSerializable(typeof(Calibration))]
public sealed partial class ResultsJsonContext : JsonSerializerContext;
