using System.Diagnostics;
using Bench.Workloads.Contract;

namespace Bench.Harness.Measurement;

/// <summary>
/// The baseline every speedup is measured against: a plain single-threaded loop over the cell's items
/// in the cell process — no strategy, no pool, no pipes. Run a few times (stopping early once it has
/// taken <see cref="Budget"/>), and the median kept.
/// </summary>
public static class SequentialReference
{
    public const int MaximumRepetitions = 3;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(0.6);

    /// <summary>Median wall time of a sequential batch in nanoseconds, or null when an item throws.</summary>
    public static double? Measure(IWorkload workload, IWorkloadSession session)
    {
        using var runner = workload.CreateRunner(session.RunnerParameters);
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        try
        {
            while (times.Count < MaximumRepetitions && (times.Count == 0 || total.Elapsed < Budget))
            {
                session.BeforeBatch();
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < session.ItemCount; i++)
                {
                    runner.Run(i);
                }

                times.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the cell's own validation reports item failures; no baseline here
        }

        return Statistics.SampleStatistics.Median(times);
    }
}
