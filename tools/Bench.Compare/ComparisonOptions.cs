using Bench.Compare.Statistics;
using Bench.Results;

namespace Bench.Compare;

/// <summary>What makes the gate fail: only regressions, or any change at all.</summary>
public enum FailOn
{
    /// <summary>Exit 1 when a cell is slower.</summary>
    Slower,

    /// <summary>Exit 1 on any change: slower, faster, failed, new or missing.</summary>
    Any,
}

/// <summary>How the p-values of the cells compared together are corrected for their number.</summary>
public enum Correction
{
    /// <summary>Benjamini-Hochberg: alpha bounds the false discovery rate over the cells, and the chance of any false alarm when nothing changed.</summary>
    BenjaminiHochberg,

    /// <summary>Each cell at alpha on its own: with many cells, false alarms add up.</summary>
    None,
}

/// <summary>The names of <see cref="Correction"/> on the command line and in JSON.</summary>
public static class CorrectionNames
{
    public const string Valid = "bh, none";

    public static string Name(this Correction correction) => correction == Correction.BenjaminiHochberg ? "bh" : "none";

    /// <summary>The correction a name stands for (any case); null when it names none.</summary>
    public static Correction? Parse(string name) => name.ToLowerInvariant() switch
    {
        "bh" => Correction.BenjaminiHochberg,
        "none" => Correction.None,
        _ => null,
    };
}

/// <summary>The knobs of a comparison; defaults are the CLI's.</summary>
public sealed record ComparisonOptions
{
    public ChangeThreshold Threshold { get; init; } = ChangeThreshold.Parse("5%", "--threshold");

    public ChangeThreshold Noise { get; init; } = ChangeThreshold.Parse("1%", "--noise");

    /// <summary>Significance level of the Mann-Whitney tests; the intervals are 1 − alpha.</summary>
    public double Alpha { get; init; } = 0.01;

    public FailOn FailOn { get; init; } = FailOn.Slower;

    public Correction Correction { get; init; } = Correction.BenjaminiHochberg;

    /// <summary><c>--filter</c>: only the cells it selects, on every side; null: all.</summary>
    public CellFilter? Filter { get; init; }
}
