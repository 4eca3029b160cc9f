using System.Diagnostics;
using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>Fault 5: the run itself is stopped — politely (SIGINT, SIGTERM) or not (SIGKILL).</summary>
public sealed class ShutdownTests
{
    // A first cell that finishes quickly, then a cell with long items under process-pool, in flight
    // when the signal arrives.
    private static readonly string[] TwoCells =
    [
        "--profile", "quick", "--workloads", "square,sleep", "--param", "sleep.ms=3000", "--strategies", "process-pool", "--workers", "2",
    ];

    [Theory]
    [InlineData(BenchRun.SIGINT, 130)]
    [InlineData(BenchRun.SIGTERM, 143)]
    public void Signal_StopsTheRunWithin5s_KeepsFinishedCells_KillsEveryProcess(int signal, int expectedExit)
    {
        using var run = new BenchRun(null, TwoCells);
        Assert.True(run.WaitForLine("[1/2]", TimeSpan.FromSeconds(60)), run.Output + run.Errors);
        WaitForWorkers(run);

        var clock = Stopwatch.StartNew();
        run.Signal(signal);
        var exit = run.WaitForExit(TimeSpan.FromSeconds(10));
        clock.Stop();

        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(5), $"the run took {clock.Elapsed.TotalSeconds:F1} s to stop");
        Assert.Equal(expectedExit, exit);
        var results = run.Results();
        var cell = Assert.Single(results.Cells);
        Assert.Equal("square", cell.Workload);
        Assert.Null(results.CompletedUtc);
        Assert.Contains(results.Warnings, w => w.StartsWith("interrupted by SIG", StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(Path.Combine(run.OutDirectory, "journal.jsonl")), l => l.Length > 0);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SecondInterrupt_ExitsAtOnce_LeavingNoProcess()
    {
        using var run = new BenchRun(null,
            "--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=3000", "--strategies", "processes", "--workers", "2");
        WaitForWorkers(run);

        run.Signal(BenchRun.SIGINT);
        run.Signal(BenchRun.SIGINT);
        var exit = run.WaitForExit(TimeSpan.FromSeconds(5));

        Assert.Equal(130, exit);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SigkillOfTheRun_LeavesNoWorkerOrCellProcessAlive5sLater()
    {
        using var run = new BenchRun(null,
            "--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=10000", "--strategies", "process-pool", "--workers", "2");
        WaitForWorkers(run);
        Assert.Contains(ProcessTable.Tagged(run.Tag), p => p.Command.Contains(" cell ", StringComparison.Ordinal));

        run.Signal(BenchRun.SIGKILL);
        Thread.Sleep(TimeSpan.FromSeconds(5));

        // Not a grace period: whatever is still tagged now was left behind.
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.Zero);
    }

    /// <summary>Waits until worker processes of the run are in the process table (the cell is mid-batch).</summary>
    private static void WaitForWorkers(BenchRun run)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (ProcessTable.Tagged(run.Tag).Count(p => p.Command.Contains("bench-worker", StringComparison.Ordinal)) >= 2)
            {
                Thread.Sleep(300); // let the workers get their first items
                return;
            }

            Thread.Sleep(50);
        }

        Assert.Fail("no worker process appeared\n" + run.Output + run.Errors);
    }
}
