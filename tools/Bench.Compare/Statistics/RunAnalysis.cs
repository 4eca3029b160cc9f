namespace Bench.Compare.Statistics;

/// <summary>
/// The comparison of a cell against a baseline history — the same cell in several earlier runs — with the
/// run as the unit of replication. Launches spread over one run cover drift within it (<see cref="LaunchAnalysis"/>),
/// but a shared host can sit in one speed regime for a whole run: then all of a run's launches agree with
/// each other and differ from the next run's, and a comparison of two runs reads the regime as a change
/// (docs/compare.md#history). Replicating at the outermost level that varies is the remedy (Kalibera and
/// Jones, "Rigorous Benchmarking in Reasonable Time"): each run contributes one value — the mean
/// log-median of its launches, or the log-median of its samples when it had one launch — and the current
/// run is tested against the spread of the baseline runs. With one current run that is a prediction
/// interval, Student t with df = baseline runs − 1 (<see cref="ReplicateTest"/>): few runs give a wide
/// interval and an <c>unknown</c>, never a false <c>same</c>.
/// </summary>
public static class RunAnalysis
{
    /// <summary>The fewest baseline runs that give a spread between runs.</summary>
    public const int MinimumBaselineRuns = 2;

    /// <summary>True when the history supports a run-level test: two or more baseline runs with samples.</summary>
    public static bool Applies(IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> baselineRuns) =>
        baselineRuns.Count >= MinimumBaselineRuns && baselineRuns.All(HasSamples);

    /// <param name="baselineRuns">For each baseline run, oldest first, the samples of each of its launches (one list for one launch).</param>
    /// <param name="currentRun">The current run's samples per launch.</param>
    /// <param name="sampleLevel">The sample-level analysis of the same cell: its medians and shift are kept.</param>
    public static ChangeStatistics Analyze(
        IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> baselineRuns,
        IReadOnlyList<IReadOnlyList<double>> currentRun,
        double alpha,
        ChangeStatistics sampleLevel)
    {
        if (!Applies(baselineRuns) || !HasSamples(currentRun))
        {
            throw new ArgumentException($"a run-level comparison needs {MinimumBaselineRuns} or more baseline runs and a current run, each with samples");
        }

        var b = baselineRuns.Select(RunValue).ToArray();
        return ReplicateTest.Analyze(b, [RunValue(currentRun)], alpha, sampleLevel) with { BaselineRuns = b.Length };
    }

    /// <summary>A run's one value: the mean of its launches' log-medians, so each launch weighs the same.</summary>
    private static double RunValue(IReadOnlyList<IReadOnlyList<double>> launches) => launches.Average(ReplicateTest.LogMedian);

    private static bool HasSamples(IReadOnlyList<IReadOnlyList<double>> launches) => launches.Count > 0 && launches.All(l => l.Count > 0);
}
