using Bench.Compare.Inputs;
using Bench.Compare.Matching;
using Bench.Compare.Verdicts;

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

        var baseline = baselines[^1];
        var earlier = baselines.Take(baselines.Count - 1).ToList();
        var pairs = CellMatcher.Match(earlier, baseline, current);
        var cells = pairs.Select(p => VerdictRules.Decide(p, options)).ToList();
        var differences = EnvironmentComparison.Differences(baseline.Environment, current.Environment).ToList();
        foreach (var run in earlier)
        {
            // An earlier run from another machine widens the spread between runs with a difference that is not noise.
            differences.AddRange(EnvironmentComparison.Differences(run.Environment, current.Environment)
                .Select(d => d with { Field = $"{d.Field} (earlier baseline {run.Source})" }));
        }

        return new ComparisonReport(
            baseline.Source, baseline.Kind, current.Source, current.Kind, options, differences, cells)
        {
            EarlierBaselineSources = earlier.Select(r => r.Source).ToList(),
        };
    }

    public static ComparisonReport Compare(string baselinePath, string currentPath, ComparisonOptions options) =>
        Compare([baselinePath], currentPath, options);

    /// <param name="baselinePaths">The baseline history, oldest first; the last is the baseline proper.</param>
    public static ComparisonReport Compare(IReadOnlyList<string> baselinePaths, string currentPath, ComparisonOptions options) =>
        Compare(baselinePaths.Select(InputReader.Read).ToList(), InputReader.Read(currentPath), options);
}
