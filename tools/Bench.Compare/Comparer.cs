using Bench.Compare.Inputs;
using Bench.Compare.Matching;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Bench.Results;

namespace Bench.Compare;

/// <summary>The whole comparison: match cells, note environment differences, decide a verdict per cell.</summary>
public static class Comparer
{
    public static ComparisonReport Compare(ComparisonInput baseline, ComparisonInput current, ComparisonOptions options) =>
        Compare([baseline], current, options);

    /// <summary>
    /// Compares the current run with a baseline history: <paramref name="baselines"/> oldest first, the last
    /// one the baseline proper. With two or more baseline runs, a cell's verdict is tested against the
    /// spread between those runs (<see cref="Statistics.RunAnalysis"/>).
    /// </summary>
    public static ComparisonReport Compare(IReadOnlyList<ComparisonInput> baselines, ComparisonInput current, ComparisonOptions options)
    {
        if (baselines.Count == 0)
        {
            throw new ArgumentException("a comparison needs a baseline", nameof(baselines));
        }

        RefuseRepeatedRuns(baselines);
        if (options.Filter is { } filter)
        {
            baselines = baselines.Select(run => Select(run, filter)).ToList();
            current = Select(current, filter);
        }

        var baseline = baselines[^1];
        var earlier = baselines.Take(baselines.Count - 1).ToList();
        var pairs = CellMatcher.Match(earlier, baseline, current);
        var cells = Decide(pairs, p => VerdictRules.Analyze(p, options), options);

        var differences = EnvironmentComparison.Differences(baseline.Environment, current.Environment).ToList();
        foreach (var run in earlier)
        {
            // An earlier run from another machine widens the spread between runs with a difference that is not noise.
            // One the newest baseline already names (an injected slowdown in current) is said once.
            differences.AddRange(EnvironmentComparison.Differences(run.Environment, current.Environment)
                .Where(d => !differences.Contains(d))
                .Select(d => d with { Field = $"{d.Field} (earlier baseline {run.Source})" }));
        }

        return new ComparisonReport(
            baseline.Source, baseline.Kind, current.Source, current.Kind, options, differences, cells)
        {
            EarlierBaselineSources = earlier.Select(r => r.Source).ToList(),
        };
    }

    /// <summary>
    /// The verdicts of matched cells: those without statistics (new, missing, failed, too few samples)
    /// first, then every measured cell's statistics from <paramref name="analyze"/>, adjusted over the
    /// family, and decided by the same rules. Every comparison — runs, histories, bench ab's paired
    /// rounds — goes through here, so verdict words, thresholds and the family adjustment are one code.
    /// </summary>
    /// <param name="analyze">The statistics of a measurable pair; it may return a verdict instead (a reason it cannot be measured).</param>
    public static IReadOnlyList<CellComparison> Decide(
        IReadOnlyList<MatchedPair> pairs, Func<MatchedPair, Analysis> analyze, ComparisonOptions options)
    {
        var unmeasured = pairs.Select(VerdictRules.WithoutStatistics).ToList();
        var analyses = pairs.Select((p, i) => unmeasured[i] is null ? analyze(p) : default).ToList();
        // With the family adjustment, every measured cell is one test of the family: verdicts are decided on the adjusted p-values.
        var statistics = FamilyAdjustment.Apply(analyses.Select(a => a.Statistics).ToList(), options.Correction);
        return pairs
            .Select((p, i) => (unmeasured[i] ?? analyses[i].Unmeasured ?? VerdictRules.Decide(p, statistics[i]!, options)) with { CurrentSeconds = p.Current?.SamplesNs.Sum() / 1e9 })
            .Select((c, i) => c with { CounterChanges = Bench.Compare.Counters.CounterChanges.Describe(pairs[i], c.Verdict) })
            .ToList();
    }

    /// <summary>A measurable pair's statistics, or the verdict that says why it could not be measured after all.</summary>
    public readonly record struct Analysis(ChangeStatistics? Statistics, CellComparison? Unmeasured)
    {
        public static implicit operator Analysis(ChangeStatistics statistics) => new(statistics, null);

        public static implicit operator Analysis(CellComparison unmeasured) => new(null, unmeasured);
    }

    /// <summary>
    /// The same run twice in a history (a path repeated, or a copy) would show no spread between runs, and
    /// any difference beyond the threshold would read as significant: refused as bad input.
    /// </summary>
    private static void RefuseRepeatedRuns(IReadOnlyList<ComparisonInput> baselines)
    {
        for (var i = 0; i < baselines.Count; i++)
        {
            for (var j = i + 1; j < baselines.Count; j++)
            {
                if (SameMeasurements(baselines[i], baselines[j]))
                {
                    throw new ResultsFileException(
                        $"{baselines[j].Source} repeats the measurements of {baselines[i].Source}: a baseline history needs distinct runs");
                }
            }
        }
    }

    /// <summary>The cells of <paramref name="run"/> that <paramref name="filter"/> selects; none is bad input (a glob that matches nothing gates nothing).</summary>
    private static ComparisonInput Select(ComparisonInput run, CellFilter filter)
    {
        var selected = run.Cells.Where(c => filter.Matches(c.Key)).ToList();
        return selected.Count > 0
            ? run with { Cells = selected }
            : throw new ResultsFileException($"--filter {filter} selects none of the {run.Cells.Count} cells of {run.Source}");
    }

    private static bool SameMeasurements(ComparisonInput a, ComparisonInput b) =>
        a.Cells.Count == b.Cells.Count && a.Cells.Any(c => c.SamplesNs.Count > 0) &&
        a.Cells.Zip(b.Cells).All(pair => pair.First.Key == pair.Second.Key && pair.First.SamplesNs.SequenceEqual(pair.Second.SamplesNs));

    public static ComparisonReport Compare(string baselinePath, string currentPath, ComparisonOptions options) =>
        Compare([baselinePath], currentPath, options);

    /// <param name="baselinePaths">The baseline history, oldest first; the last is the baseline proper.</param>
    public static ComparisonReport Compare(IReadOnlyList<string> baselinePaths, string currentPath, ComparisonOptions options) =>
        Compare(baselinePaths.Select(InputReader.Read).ToList(), InputReader.Read(currentPath), options);
}
