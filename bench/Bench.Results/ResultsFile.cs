using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bench.Results;

/// <summary>
/// Reads and writes results.json. Writing is atomic (temporary file, flush, rename) so a reader — or a
/// killed run — never sees half a file. Reading turns every kind of bad input into a
/// <see cref="ResultsFileException"/> with one line that names the problem.
/// </summary>
public static class ResultsFile
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// The same options with compile-time metadata for the results model, for writing only (a cell
    /// process writes its result once, and reflection-based metadata cost ≈ 50 ms of its life). Reading
    /// stays on reflection: source-generated metadata sets an init-only property that the JSON lacks to
    /// its default (null), not to its initializer (<c>[]</c>), and a results file from an older or another
    /// version may lack some.
    /// </summary>
    public static readonly JsonSerializerOptions WriteOptions = new(Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ResultsJsonContext.Default, Options.TypeInfoResolver),
    };

    /// <summary>Compact options for one-line journal entries.</summary>
    public static readonly JsonSerializerOptions LineOptions = new(Options) { WriteIndented = false };

    /// <summary>
    /// Options for reading files that may come from anywhere: null is refused where the model does not allow
    /// it, and control characters in strings are replaced (<see cref="PrintableText"/>).
    /// </summary>
    public static readonly JsonSerializerOptions ReadOptions = new(Options)
    {
        RespectNullableAnnotations = true,
        Converters = { new PrintableStringConverter() },
    };

    /// <summary><see cref="ReadOptions"/> for one-line journal entries.</summary>
    public static readonly JsonSerializerOptions LineReadOptions = new(ReadOptions) { WriteIndented = false };

    /// <summary>Writes results.json (always the current schema).</summary>
    public static void Write(string path, RunResults results) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(results, Options));

    public static RunResults Read(string path) => Parse(ReadText(path), path);

    /// <summary>The text of a results file (a regular file within <see cref="SafeInput.MaxBytes"/>), or a <see cref="ResultsFileException"/> naming why it cannot be read.</summary>
    public static string ReadText(string path) => SafeInput.ReadText(path, "results file");

    /// <summary>Parses JSON text, or throws a <see cref="ResultsFileException"/> with the parser's first line.</summary>
    public static JsonDocument ParseJson(string text, string source)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ResultsFileException($"{source} is not valid JSON: {FirstLine(e.Message)}");
        }
        catch (ArgumentException e)
        {
            throw new ResultsFileException($"{source} cannot be parsed: {FirstLine(e.Message)}"); // e.g. nesting deeper than the reader allows
        }
    }

    /// <summary>Parses a results file of the current schema, or of <see cref="ResultsV1"/> through its migration.</summary>
    public static RunResults Parse(string text, string source)
    {
        using (var document = ParseJson(text, source))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("schema", out var schema) ||
                schema.ValueKind != JsonValueKind.String)
            {
                throw new ResultsFileException($"{source} has no schema id; expected \"{RunResults.SchemaId}\"");
            }

            var id = schema.GetString();
            if (id != RunResults.SchemaId && id != ResultsV1.SchemaId)
            {
                throw new ResultsFileException($"{source} has schema \"{id}\"; this version reads \"{RunResults.SchemaId}\" and \"{ResultsV1.SchemaId}\"");
            }

            try
            {
                var results = id == RunResults.SchemaId
                    ? document.RootElement.Deserialize<RunResults>(ReadOptions)
                    : MigratedV1(document.RootElement);
                return ResultsValidation.Check(results ?? throw new ResultsFileException($"{source} is empty"), source);
            }
            catch (JsonException e)
            {
                throw new ResultsFileException($"{source} does not match {id}: {FirstLine(e.Message)}");
            }
        }
    }

    private static RunResults? MigratedV1(JsonElement root)
    {
        var node = JsonObject.Create(root)!;
        ResultsV1.Migrate(node);
        return node.Deserialize<RunResults>(ReadOptions);
    }

    private static string FirstLine(string message) =>
        message.Split('\n')[0].Replace(" Consider updating its nullability annotation.", "", StringComparison.Ordinal).Trim();
}

/// <summary>A results file that cannot be used; the message is the one line the CLI prints.</summary>
public sealed class ResultsFileException(string message) : Exception(message);
