using Bench.Harness.Planning;
using Bench.Harness.Statistics;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// A cell measured in several separate cell processes (launches), as JMH forks are, merged into one
/// result. The orchestrator runs launch k of every cell in pass k over the matrix, so a cell's launches
/// lie minutes apart: on a shared machine the host's speed drifts over seconds to minutes, and only
/// launches spread over the run show that drift as spread between launches instead of hiding it in one.
/// The first launch's trace and validation are kept; statistics and derived metrics are recomputed over
/// all samples; <see cref="CellResult.LaunchSampleCounts"/> records where each launch's samples are.
/// </summary>
public static class CellLaunches
{
    /// <summary>Launch number <paramref name="launch"/> (1-based) of a cell, in a fresh cell process.</summary>
    public static CellResult RunLaunch(CellSpec spec, int launch, string cellDirectory, bool verbose, ShutdownCoordinator? shutdown = null, CellHost? host = null)
    {
        // Each launch keeps BenchmarkDotNet's own log apart; launch 1 uses the cell's directory as before.
        var launchSpec = launch == 1 ? spec : spec with { BdnDirectory = $"{spec.BdnDirectory}-launch{launch}" };
        var cell = CellProcess.Run(launchSpec, cellDirectory, verbose, shutdown, host);
        return launch == 1 || cell.Status == CellStatus.Ok ? cell : cell with { Error = $"launch {launch}: {cell.Error}" };
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
            LaunchSampleCounts = [.. launches.Select(l => l.SamplesNs.Count)],
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
