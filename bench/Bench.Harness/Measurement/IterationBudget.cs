using Bench.Results;

namespace Bench.Harness.Measurement;

/// <summary>
/// Keeps a cell within its profile's time budget: when one batch is slow (a <c>processes</c> cell pays
/// a spawn per item), the job runs fewer iterations — never fewer than <see cref="MinimumIterations"/>,
/// never more than the profile asks. The budget covers warm-ups and measured iterations.
/// </summary>
public static class IterationBudget
{
    /// <summary>
    /// Six samples a side is the fewest with which <c>bench compare</c>'s one-sided Mann-Whitney test can
    /// reach its default alpha of 0.01 (the smallest p for 6 vs 6 is 1/924; for 4 vs 4 it is 1/70): with
    /// fewer, every cell of a regression gate would be <c>unknown</c> and a real slowdown could not fail it.
    /// </summary>
    public const int MinimumIterations = 6;

    public static ProfileJob Fit(ProfileJob job, double? budgetSeconds, TimeSpan batchTime)
    {
        if (budgetSeconds is not { } budget || batchTime <= TimeSpan.Zero)
        {
            return job;
        }

        var affordable = (int)Math.Floor(budget / batchTime.TotalSeconds) - job.WarmupCount;
        return job with { IterationCount = Math.Clamp(affordable, MinimumIterations, job.IterationCount) };
    }
}
