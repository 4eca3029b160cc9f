namespace Bench.Compare.Statistics;

/// <summary>
/// The comparison of a cell measured in several launches (cell processes a whole pass over the matrix
/// apart), with the launch as the unit of replication. Samples of one launch share the machine's state
/// of that moment — on a shared host a speed regime that lasts seconds — so they are not independent
/// draws, and a test over samples mistakes two tight runs in different regimes for a change (docs/compare.md#run-to-run-noise).
/// Here each launch contributes one value, the log of its median sample; the change is the difference
/// of the two sides' mean log-medians, with a Student t interval from the pooled spread between launches
/// (<see cref="ReplicateTest"/>; df = launches − 2). A side with one launch counts as one launch: the other
/// side's spread then stands for both (df = its launches − 1). Medians, shift, ratio, interval and p-values
/// all come from the launches; the sample-level analysis keeps only the sample counts.
/// </summary>
public static class LaunchAnalysis
{
    /// <summary>True when the launches support a launch-level test: two or more launches on a side, three in all.</summary>
    public static bool Applies(IReadOnlyList<IReadOnlyList<double>> baseline, IReadOnlyList<IReadOnlyList<double>> current) =>
        (baseline.Count >= 2 || current.Count >= 2) && baseline.Count + current.Count >= 3 && baseline.Concat(current).All(l => l.Count > 0);

    /// <param name="sampleLevel">The sample-level analysis of the same cell: its medians and shift are kept.</param>
    public static ChangeStatistics Analyze(
        IReadOnlyList<IReadOnlyList<double>> baseline,
        IReadOnlyList<IReadOnlyList<double>> current,
        double alpha,
        ChangeStatistics sampleLevel)
    {
        if (!Applies(baseline, current))
        {
            throw new ArgumentException("a launch-level comparison needs two or more launches on a side and three in all");
        }

        var b = baseline.Select(ReplicateTest.LogMedian).ToArray();
        var c = current.Select(ReplicateTest.LogMedian).ToArray();
        return ReplicateTest.Analyze(b, c, alpha, sampleLevel) with { BaselineLaunches = b.Length, CurrentLaunches = c.Length };
    }
}
