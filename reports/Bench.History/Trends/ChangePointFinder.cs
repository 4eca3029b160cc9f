using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Perfolizer.Mathematics.Cpd;

namespace Bench.History.Trends;

/// <summary>
/// Finds the steps in a cell's trend on one machine. The series is one value per commit (the median of the
/// cell's run medians there): the run, not the sample, is the unit of replication, because a shared host's
/// speed changes between runs more than within one (docs/compare.md#run-to-run-noise).
/// <list type="number">
/// <item>Perfolizer's <see cref="EdPeltChangePointDetector"/> (ED-PELT: Haynes, Fearnhead and Eckley, "A
/// computationally efficient nonparametric approach for changepoint detection", Statistics and Computing 27,
/// 2017) proposes where the distribution of the series changes. Its penalty is fixed in Perfolizer at
/// 3·ln n (n points) — the BIC-like penalty the paper uses — and segments are at least
/// <see cref="MinimumSegment"/> commits long.</item>
/// <item>Each proposed step is then decided as bench compare decides a cell (<see cref="ShiftAnalysis"/>,
/// <see cref="VerdictRules.Classify"/>): the commits of the segment before it against those of the segment
/// after it; a step is a change point when compare would call it slower or faster (Mann-Whitney beyond the
/// noise threshold at alpha, Hodges-Lehmann ratio beyond the threshold). ED-PELT answers "where", not "how
/// large" or "how sure": without this test it also splits a flat series at a few-percent wobble.</item>
/// </list>
/// A step needs <see cref="MinimumSegment"/> commits on each side before it can be reported: with fewer,
/// even two segments that do not overlap cannot reach alpha = 0.01. The newest commit alone is the gate's
/// job (bench compare --db).
/// </summary>
public static class ChangePointFinder
{
    /// <summary>
    /// Points on each side of a step. Mann-Whitney's smallest one-sided p for n = m = 4 is 1/70 ≈ 0.014,
    /// above 0.01; for 4 and 5 it is 1/126 ≈ 0.008. Segments of 4 let ED-PELT propose what the test can
    /// confirm with one more point on either side, and keep single outliers from making segments.
    /// </summary>
    public const int MinimumSegment = 4;

    public static IReadOnlyList<ChangePoint> Find(CellTrend cell, MachineSeries series, HistoryOptions options)
    {
        var points = series.Points;
        if (points.Count < 2 * MinimumSegment)
        {
            return [];
        }

        var values = points.Select(p => p.MedianNs).ToArray();
        // Perfolizer returns, for each change, the index of the last point before it.
        var proposed = EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, MinimumSegment);
        var bounds = new List<int> { -1 };
        bounds.AddRange(proposed.Order());
        bounds.Add(values.Length - 1);
        var found = new List<ChangePoint>();
        for (var i = 1; i < bounds.Count - 1; i++)
        {
            var before = values[(bounds[i - 1] + 1)..(bounds[i] + 1)];
            var after = values[(bounds[i] + 1)..(bounds[i + 1] + 1)];
            var statistics = ShiftAnalysis.Analyze(before, after, options.Test.Alpha, options.Test.Threshold, options.Test.Noise);
            var verdict = VerdictRules.Classify(statistics, options.Test, out _);
            if (verdict is Verdict.Slower or Verdict.Faster)
            {
                var p = verdict == Verdict.Slower ? statistics.PSlower : statistics.PFaster;
                found.Add(new ChangePoint(
                    cell.Key, cell.Name, series.Machine, series.MachineLabel,
                    points[bounds[i]].Commit, points[bounds[i] + 1].Commit, before.Length, after.Length,
                    statistics.BaselineMedianNs, statistics.CurrentMedianNs,
                    statistics.Ratio, statistics.RatioLower, statistics.RatioUpper, statistics.ConfidenceLevel, p));
            }
        }

        return found;
    }
}
