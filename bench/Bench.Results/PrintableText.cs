using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Results;

/// <summary>
/// Strings read from a file reach terminals (compare's text output, error lines) and reports: control
/// characters in them (an ESC sequence in a hand-made or hostile file's environment) are replaced by
/// a space before anything prints them, so a file cannot drive the user's terminal.
/// </summary>
public static class PrintableText
{
    public static string Clean(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    // C0 and DEL and C1 controls (ESC, CSI, bell, carriage return …); tabs too, so a line stays one line.
    private static bool IsControl(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f';
}

/// <summary>Reads every JSON string (values and property names) through <see cref="PrintableText.Clean"/>; writes strings as they are.</summary>
public sealed class PrintableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : PrintableText.Clean(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PrintableText.Clean(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
