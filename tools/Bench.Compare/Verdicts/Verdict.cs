namespace Bench.Compare.Verdicts;

/// <summary>What <c>bench compare</c> concludes about one cell. Names are the lowercase words used in every output.</summary>
public enum Verdict
{
    /// <summary>Slower beyond the noise threshold (Mann-Whitney, p &lt; alpha) and by more than the threshold (Hodges-Lehmann ratio).</summary>
    Slower,

    /// <summary>Faster beyond the noise threshold (p &lt; alpha) and by more than the threshold.</summary>
    Faster,

    /// <summary>The estimated change is larger than the noise threshold but, with confidence 1 − 2·alpha, within ± the threshold.</summary>
    Same,

    /// <summary>The estimated change is within the noise threshold: what separates the runs is noise.</summary>
    Noise,

    /// <summary>Too few samples to decide (for the test at all, or for the spread seen). Never reported as same.</summary>
    Unknown,

    /// <summary>Only in current.</summary>
    New,

    /// <summary>Only in baseline.</summary>
    Missing,

    /// <summary>Failed or invalid on either side: no timings to compare.</summary>
    Failed,
}

public static class VerdictNames
{
    public static string Name(this Verdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>Display order for summaries: what needs attention first.</summary>
    public static readonly IReadOnlyList<Verdict> SummaryOrder =
        [Verdict.Slower, Verdict.Failed, Verdict.Missing, Verdict.Unknown, Verdict.Faster, Verdict.New, Verdict.Same, Verdict.Noise];
}
