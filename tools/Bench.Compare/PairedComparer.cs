using Bench.Compare.Inputs;
using Bench.Compare.Matching;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;

namespace Bench.Compare;

/// <summary>
/// The comparison of the two sides of a <c>bench ab</c> run: the same cells, matched by key as
/// <see cref="Comparer"/> matches them, but each pair's statistics come from the rounds both sides
/// measured back to back (<see cref="PairedAnalysis"/>). Verdicts, thresholds, the family adjustment and
/// every output format are <c>bench compare</c>'s.
/// </summary>
public static class PairedComparer
{
    public static ComparisonReport Compare(ComparisonInput a, ComparisonInput b, ComparisonOptions options)
    {
        var pairs = CellMatcher.Match(a, b);
        var cells = Comparer.Decide(pairs, p => Analyze(p, options), options);
        var differences = EnvironmentComparison.Differences(a.Environment, b.Environment).ToList();
        return new ComparisonReport(a.Source, a.Kind, b.Source, b.Kind, options, differences, cells) { Command = "bench ab" };
    }

    private static Comparer.Analysis Analyze(MatchedPair pair, ComparisonOptions options)
    {
        var sampleLevel = ShiftAnalysis.Analyze(pair.Baseline!.SamplesNs, pair.Current!.SamplesNs, options.Alpha, options.Threshold, options.Noise);
        var roundsA = pair.Baseline.LaunchesByRound();
        var roundsB = pair.Current.LaunchesByRound();
        var paired = PairedAnalysis.Analyze(roundsA, roundsB, options.Alpha, sampleLevel);
        if (paired is not null)
        {
            return paired;
        }

        var common = roundsA.Keys.Intersect(roundsB.Keys).Count();
        return new CellComparison(pair.Key, pair.Name, pair.Group, Verdict.Unknown,
            $"too few paired rounds: {common} measured on both sides (at least {PairedAnalysis.MinimumRounds})", null);
    }
}
