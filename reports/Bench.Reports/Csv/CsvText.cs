using System.Globalization;

namespace Bench.Reports.Csv;

/// <summary>RFC 4180 fields: quoted when they hold a comma, quote or line break; text that a spreadsheet would run as a formula gets a leading apostrophe.</summary>
public static class CsvText
{
    public static string Field(string? text)
    {
        var value = text ?? "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number in invariant culture with full precision; empty when missing.</summary>
    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
