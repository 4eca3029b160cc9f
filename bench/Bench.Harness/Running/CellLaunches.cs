using Bench.Harness.Planning;
using Bench.Harness.Statistics;
using Bench.Results;

namespace Bench.Harness.Running;

/// <summary>
/// Runs a cell in <c>launchCount</c> separate cell processes, as JMH forks do, and concatenates their
/// samples: a process-level accident (an unlucky JIT decision, memory layout, a core placement) then
/// shows up as spread across launches instead of hiding in one. The first launch's trace and validation
/// are kept; statistics and derived metrics are recomputed over all samples; a failed launch fails the cell.
/// </summary>
public static class CellLaunches
{
    public static CellResult Run(CellSpec spec, int launchCount, string cellDirectory, bool verbose, ShutdownCoordinator? shutdown = null)
    {
        var launches = new List<CellResult>();
        for (var launch = 1; launch <= Math.Max(1, launchCount); launch++)
        {
            var launchSpec = launch == 1 ? spec : spec with { BdnDirectory = $"{spec.BdnDirectory}-launch{launch}" };
            var cell = CellProcess.Run(launchSpec, cellDirectory, verbose, shutdown);
            launches.Add(cell);
            if (shutdown?.Requested == true || cell.Status != CellStatus.Ok)
            {
                return launches.Count == 1 ? cell : cell with { Error = $"launch {launch}: {cell.Error}" };
            }
        }

        return Merge(launches);
    }

    /// <summary>One cell from several ok launches of it.</summary>
    public static CellResult Merge(IReadOnlyList<CellResult> launches)
    {
        var first = launches[0];
        if (launches.Count == 1)
        {
            return first;
        }

        var resources = launches.All(l => l.Resources is not null && l.Resources.Count == l.SamplesNs.Count)
            ? launches.SelectMany(l => l.Resources!).ToList()
            : null;
        var sequential = launches.Select(l => l.Derived?.SequentialNs).OfType<double>().ToList();
        var merged = first with
        {
            SamplesNs = [.. launches.SelectMany(l => l.SamplesNs)],
            Resources = resources,
            Derived = (first.Derived ?? new DerivedMetrics()) with
            {
                SequentialNs = sequential.Count > 0 ? SampleStatistics.Median(sequential) : null,
            },
            Warnings = [.. launches.SelectMany(l => l.Warnings).Distinct()],
        };
        return CellMetrics.Complete(merged);
    }
}
