using System.Globalization;

namespace Bench.Workloads.Contract;

/// <summary>The value type of a workload parameter.</summary>
public enum ParameterKind
{
    Integer,
    Choice,
}

/// <summary>
/// A workload parameter: its default (and a smaller one for the quick profile), its limits, and what
/// it means. Limits exist so that a typo (<c>n=1e15</c>) is refused at once with exit 2 instead of
/// running for a day.
/// </summary>
public sealed record ParameterSpec(
    string Name,
    string Description,
    ParameterKind Kind,
    string Default,
    string? QuickDefault = null,
    long Min = 0,
    long Max = long.MaxValue,
    IReadOnlyList<string>? Choices = null,
    string Unit = "")
{
    public static ParameterSpec Integer(string name, string description, long @default, long min, long max, long? quick = null, string unit = "") =>
        new(name, description, ParameterKind.Integer, @default.ToString(CultureInfo.InvariantCulture),
            quick?.ToString(CultureInfo.InvariantCulture), min, max, null, unit);

    public static ParameterSpec Choice(string name, string description, string @default, params string[] choices) =>
        new(name, description, ParameterKind.Choice, @default, null, 0, 0, choices);

    /// <summary>The default for a profile: quick uses its smaller size where one is given.</summary>
    public string DefaultFor(bool quick) => quick && QuickDefault is not null ? QuickDefault : Default;

    /// <summary>Returns null when <paramref name="value"/> is acceptable, else a one-line reason.</summary>
    public string? Check(string value)
    {
        switch (Kind)
        {
            case ParameterKind.Integer:
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return $"parameter '{Name}' must be an integer, got '{value}'";
                }

                if (number < Min || number > Max)
                {
                    return $"parameter '{Name}' = {number} is out of range [{Min}, {Max}]{(Unit.Length > 0 ? " " + Unit : "")}";
                }

                return null;
            case ParameterKind.Choice:
                return Choices!.Contains(value, StringComparer.Ordinal)
                    ? null
                    : $"parameter '{Name}' must be one of {string.Join(", ", Choices!)}, got '{value}'";
            default:
                return $"parameter '{Name}' has an unknown kind";
        }
    }

    /// <summary>One line for <c>bench list</c>.</summary>
    public string Describe() => Kind == ParameterKind.Choice
        ? $"{Name} = {Default} ({string.Join("|", Choices!)}): {Description}"
        : $"{Name} = {Default}{(QuickDefault is null ? "" : $" (quick: {QuickDefault})")} [{Min}..{Max}]{(Unit.Length > 0 ? " " + Unit : "")}: {Description}";
}
