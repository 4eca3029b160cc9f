using Bench.Compare.Inputs;
using Bench.Compare.Matching;
using Bench.Compare.Verdicts;

namespace Bench.Compare;

/// <summary>The whole comparison: match cells, note environment differences, decide a verdict per cell.</summary>
public static class Comparer
{
    public static ComparisonReport Compare(ComparisonInput baseline, ComparisonInput current, ComparisonOptions options)
    {
        var pairs = CellMatcher.Match(baseline, current);
        var cells = pairs.Select(p => VerdictRules.Decide(p, options)).ToList();
        return new ComparisonReport(
            baseline.Source, baseline.Kind, current.Source, current.Kind, options,
            EnvironmentComparison.Differences(baseline.Environment, current.Environment),
            cells);
    }

    public static ComparisonReport Compare(string baselinePath, string currentPath, ComparisonOptions options) =>
        Compare(InputReader.Read(baselinePath), InputReader.Read(currentPath), options);
}
