using System.Globalization;
using Bench.Compare.Matching;
using Bench.Compare.Statistics;

namespace Bench.Compare.Verdicts;

/// <summary>
/// Decides a cell's verdict. In order:
/// <list type="number">
/// <item>unmatched → new / missing; not ok on either side → failed;</item>
/// <item>unknown when the sample counts cannot reach alpha at all (two samples that do not overlap
///   would still not be significant), or a sample is not a positive time;</item>
/// <item>with a baseline history (several baseline runs), the interval and p-values below come from the
///   runs (<see cref="RunAnalysis"/>); otherwise, where either side ran each cell in several launches
///   (bench run --launches, thorough), from the launches (<see cref="LaunchAnalysis"/>), not the samples;</item>
/// <item>slower / faster when the change is real — Mann-Whitney finds it beyond the noise threshold
///   (p &lt; alpha; with <see cref="Correction.BenjaminiHochberg"/>, the p adjusted over all the cells compared) — and large — the Hodges-Lehmann ratio is beyond the threshold. (Demanding that the
///   test prove the change beyond the threshold itself detects a 10% slowdown in only ~94% of
///   15-sample pairs at CV 3%; this rule detects ~100%, and a 3% change is flagged ~4% of the time:
///   see tools/Bench.Perf.Gate.)</item>
/// <item>noise when the Hodges-Lehmann ratio is within the noise threshold;</item>
/// <item>same when the ratio's 1 − 2·alpha interval lies inside ± the threshold (equivalence by two
///   one-sided tests at alpha);</item>
/// <item>otherwise unknown: the interval still reaches past the threshold, so more samples are needed.
///   "Not significant" is never turned into "same" without that interval.</item>
/// </list>
/// </summary>
public static class VerdictRules
{
    /// <summary>The verdict of a pair with nothing to measure — new, missing, failed, too few or unusable samples — or null.</summary>
    public static CellComparison? WithoutStatistics(MatchedPair pair)
    {
        if (pair.Baseline is null)
        {
            return Make(pair, Verdict.New, "only in current", null);
        }

        if (pair.Current is null)
        {
            return Make(pair, Verdict.Missing, "only in baseline", null);
        }

        if (!pair.Current.Ok || !pair.Baseline.Ok)
        {
            var reason = !pair.Current.Ok ? $"current {pair.Current.Error}" : $"baseline {pair.Baseline.Error}";
            return Make(pair, Verdict.Failed, reason, null) with { CurrentFailed = !pair.Current.Ok && pair.Baseline.Ok };
        }

        var baseline = pair.Baseline.SamplesNs;
        var current = pair.Current.SamplesNs;
        if (baseline.Count < 2 || current.Count < 2)
        {
            return Make(pair, Verdict.Unknown, $"too few samples: {baseline.Count} baseline, {current.Count} current (at least 2 a side)", null);
        }

        if (!baseline.Concat(current).All(IsTime))
        {
            return Make(pair, Verdict.Unknown, "a sample is not a positive time", null);
        }

        return null;
    }

    /// <summary>The statistics of a pair <see cref="WithoutStatistics"/> found measurable, before any family adjustment.</summary>
    public static ChangeStatistics Analyze(MatchedPair pair, ComparisonOptions options)
    {
        var baseline = pair.Baseline!.SamplesNs;
        var current = pair.Current!.SamplesNs;
        var baselineLaunches = pair.Baseline.Launches() ?? [baseline];
        var currentLaunches = pair.Current.Launches() ?? [current];
        // Earlier runs of a baseline history that measured this cell: failed or sample-less ones add nothing.
        var earlier = (pair.EarlierBaselines ?? []).Where(c => c.Ok && c.SamplesNs.Count >= 2 && c.SamplesNs.All(IsTime)).ToList();
        ChangeStatistics s;
        if (earlier.Count > 0)
        {
            // A baseline history: the run is the unit of replication; the samples of all baseline runs give the medians and shift.
            var runs = earlier.Append(pair.Baseline).ToList();
            s = ShiftAnalysis.Analyze(runs.SelectMany(r => r.SamplesNs).ToList(), current, options.Alpha, options.Threshold, options.Noise);
            s = RunAnalysis.Analyze(runs.Select(r => r.Launches() ?? [r.SamplesNs]).ToList(), currentLaunches, options.Alpha, s);
        }
        else
        {
            s = ShiftAnalysis.Analyze(baseline, current, options.Alpha, options.Threshold, options.Noise);
            // Launches spread over each run, where both files have them: the launch is the unit of replication.
            if (LaunchAnalysis.Applies(baselineLaunches, currentLaunches))
            {
                s = LaunchAnalysis.Analyze(baselineLaunches, currentLaunches, options.Alpha, s);
            }
        }

        return s;
    }

    /// <summary>The verdict of a measured pair from its statistics (adjusted for the family where they were).</summary>
    public static CellComparison Decide(MatchedPair pair, ChangeStatistics s, ComparisonOptions options) =>
        Make(pair, Classify(s, options, out var why), why, s);

    public static Verdict Classify(ChangeStatistics s, ComparisonOptions options, out string reason)
    {
        var alpha = options.Alpha;
        var change = Percent(s.Ratio - 1);
        var interval = $"{(s.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture)}% CI [{Percent(s.RatioLower - 1)}, {Percent(s.RatioUpper - 1)}]" +
                       (s.ByRound ? $" over {s.Rounds} paired rounds ({s.PairedTest})" :
                        s.ByRun ? $" over runs ({s.BaselineRuns} baseline, 1 current)" :
                        s.ByLaunch ? $" over launches ({s.BaselineLaunches} baseline, {s.CurrentLaunches} current)" : "");
        if (s.SmallestPossibleP >= alpha)
        {
            reason = s.ByRound
                ? $"too few rounds: the signed-rank test over {s.Rounds} cannot reach alpha {Number(alpha)} (best possible p {Number(s.SmallestPossibleP)})"
                : $"too few samples: {s.BaselineCount} baseline and {s.CurrentCount} current cannot reach alpha {Number(alpha)} (best possible p {Number(s.SmallestPossibleP)})";
            return Verdict.Unknown;
        }

        if (s.SlowerP < alpha && s.Ratio - 1 > s.ThresholdFraction)
        {
            reason = $"{change} > {options.Threshold} ({P(s.PSlower, s.PSlowerAdjusted, s)} for a change beyond noise {options.Noise}), {interval}";
            return Verdict.Slower;
        }

        if (s.FasterP < alpha && 1 - s.Ratio > s.ThresholdFraction)
        {
            reason = $"{change} < −{options.Threshold} ({P(s.PFaster, s.PFasterAdjusted, s)} for a change beyond noise {options.Noise}), {interval}";
            return Verdict.Faster;
        }

        if (Math.Abs(s.Ratio - 1) <= s.NoiseFraction)
        {
            reason = $"{change}, within the noise threshold {options.Noise}";
            return Verdict.Noise;
        }

        if (s.RatioLower - 1 >= -s.ThresholdFraction && s.RatioUpper - 1 <= s.ThresholdFraction)
        {
            reason = $"{change}, {interval} inside ±{options.Threshold}";
            return Verdict.Same;
        }

        var few = s.ByRound ? "too few rounds for the spread between them" : s.ByRun ? "too few baseline runs for the spread between them" : s.ByLaunch ? "too few launches for the drift between them" : "too few samples for this spread";
        reason = $"{few}: {change}, {interval} reaches past ±{options.Threshold}" +
                 (Math.Abs(s.Ratio - 1) > s.ThresholdFraction ? $" and the change is not significant ({(s.SlowerP <= s.FasterP ? P(s.PSlower, s.PSlowerAdjusted, s) : P(s.PFaster, s.PFasterAdjusted, s))})" : "");
        return Verdict.Unknown;
    }

    private static bool IsTime(double ns) => double.IsFinite(ns) && ns > 0;

    /// <summary>"p 0.0003, 0.028 adjusted over 93 cells" — or "p 0.0003" where nothing was adjusted.</summary>
    private static string P(double raw, double? adjusted, ChangeStatistics s) =>
        s.Adjusted && adjusted is { } a ? $"p {Number(raw)}, {Number(a)} adjusted over {s.FamilySize} cells" : $"p {Number(raw)}";

    private static CellComparison Make(MatchedPair pair, Verdict verdict, string reason, ChangeStatistics? statistics) =>
        new(pair.Key, pair.Name, pair.Group, verdict, reason, statistics);

    private static string Percent(double fraction) =>
        double.IsInfinity(fraction) ? (fraction > 0 ? "+∞" : "−∞") : (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
