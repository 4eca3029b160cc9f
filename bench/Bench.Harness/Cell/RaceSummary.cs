using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// The cell-level validation of a race experiment: a single batch's lost-update count is one draw of a
/// random variable, so the cell keeps the largest count of all its validated batches (the check batch and
/// every measured sample) and says in its note in how many batches updates were lost. The workload's own
/// timing note (counter: cost per increment) is appended. Cells without lost-update counts pass through.
/// </summary>
public static class RaceSummary
{
    public static ValidationResult? Summarize(ValidationResult? check, IEnumerable<Validation?> measured, IWorkloadSession session, IReadOnlyList<double> samplesNs)
    {
        if (check is null)
        {
            return null;
        }

        var timing = samplesNs.Count == 0 ? null : session.DescribeTiming(Statistics.SampleStatistics.Median(samplesNs));
        if (check.LostUpdates is null)
        {
            return timing is null ? check : check with { Note = Join(check.Note, timing) };
        }

        var counts = measured.Where(v => v?.LostUpdates is not null).Select(v => v!.LostUpdates!.Value).Prepend(check.LostUpdates.Value).ToList();
        var lossy = counts.Count(c => c > 0);
        var max = counts.Max();
        var sorted = counts.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"lost updates in {lossy} of {counts.Count} batches (median {median}, max {max})");
        return check with { LostUpdates = max, Note = Join(summary, timing) };
    }

    private static string Join(string? first, string? second) =>
        string.Join("; ", new[] { first, second }.Where(s => !string.IsNullOrEmpty(s)));
}
