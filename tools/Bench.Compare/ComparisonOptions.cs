using Bench.Compare.Statistics;

namespace Bench.Compare;

/// <summary>What makes the gate fail: only regressions, or any change at all.</summary>
public enum FailOn
{
    /// <summary>Exit 1 when a cell is slower.</summary>
    Slower,

    /// <summary>Exit 1 on any change: slower, faster, failed, new or missing.</summary>
    Any,
}

/// <summary>The knobs of a comparison; defaults are the CLI's.</summary>
public sealed record ComparisonOptions
{
    public ChangeThreshold Threshold { get; init; } = ChangeThreshold.Parse("5%", "--threshold");

    public ChangeThreshold Noise { get; init; } = ChangeThreshold.Parse("1%", "--noise");

    /// <summary>Significance level of the Mann-Whitney tests; the intervals are 1 − alpha.</summary>
    public double Alpha { get; init; } = 0.01;

    public FailOn FailOn { get; init; } = FailOn.Slower;
}
