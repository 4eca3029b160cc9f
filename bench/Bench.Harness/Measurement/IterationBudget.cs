using Bench.Results;

namespace Bench.Harness.Measurement;

/// <summary>
/// Keeps a cell within its profile's time budget: when one batch is slow (a <c>processes</c> cell pays
/// a spawn per item), the job runs fewer iterations — never fewer than <see cref="MinimumIterations"/>,
/// never more than the profile asks. The budget covers warm-ups and measured iterations.
/// </summary>
public static class IterationBudget
{
    public const int MinimumIterations = 3;

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
