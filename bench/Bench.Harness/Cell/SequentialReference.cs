using System.Diagnostics;
using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// The baseline every speedup is measured against: a plain single-threaded loop over the cell's items
/// in the cell process — no strategy, no pool, no pipes. Run a few times (stopping early once it has
/// taken <see cref="Budget"/>), and the median kept.
/// The reference depends on the workload, its parameters and the item count only — not on the strategy
/// or W — so the first cell of a run that needs it measures it and later cells of the same workload
/// read it from the run's <c>sequential/</c> folder (<see cref="Planning.CellSpec.SequentialDirectory"/>): one
/// measurement per workload instead of one per cell.
/// </summary>
public static class SequentialReference
{
    public const int MaximumRepetitions = 3;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(0.6);

    /// <summary>Median wall time of a sequential batch in nanoseconds, or null when an item throws.</summary>
    public static double? Measure(IWorkload workload, IWorkloadSession session, string? cacheDirectory, string cacheKey)
    {
        var cacheFile = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"{(uint)cacheKey.Aggregate(17, (h, c) => unchecked(h * 31 + c)):x8}.txt");
        if (cacheFile is not null && File.Exists(cacheFile))
        {
            var lines = File.ReadAllLines(cacheFile);
            if (lines.Length == 2 && lines[0] == cacheKey && double.TryParse(lines[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cached))
            {
                return cached;
            }
        }

        var measured = Measure(workload, session);
        if (cacheFile is not null && measured is { } value)
        {
            AtomicFile.WriteAllText(cacheFile, $"{cacheKey}\n{value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return measured;
    }

    private static double? Measure(IWorkload workload, IWorkloadSession session)
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
