using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>Fault 1: a worker killed mid-batch (SIGKILL, as the OOM killer does) or exiting abnormally.</summary>
[Trait("Category", "Process")]
public sealed class WorkerDeathTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public void KilledWorkerInFourWorkerPool_IsReplacedAndItsItemRetried_CellSaysSo()
    {
        using var run = new BenchRun("kill-worker@item:3",
            "--profile", "quick", "--workloads", "square", "--strategies", "process-pool", "--workers", "4");
        var exit = run.WaitForExit(RunLimit);

        var cell = Assert.Single(run.Results().Cells);
        Assert.True(exit == 0, run.Output + run.Errors);
        Assert.Equal(CellStatus.Ok, cell.Status);
        // Other warnings (a noisy cell on a busy machine) may stand beside it: find the one about the death.
        var warning = Assert.Single(cell.Warnings, w => w.Contains("died", StringComparison.Ordinal));
        Assert.Contains("item 3", warning);
        Assert.Contains("killed by signal 9", warning);
        Assert.Contains("injected fault kill-worker@item:3", warning); // the worker's last stderr line
        Assert.Contains("retry succeeded", warning);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void KilledWorkerWithRetryOff_FailsTheCellWithin2sOfTheKill_AndTheRunGoesOn()
    {
        // The second cell (W=1) proves the run continues after the failed one.
        using var run = new BenchRun("kill-worker@item:3,workload=square",
            "--profile", "quick", "--workloads", "square,sleep", "--param", "sleep.ms=1", "--strategies", "process-pool",
            "--workers", "4", "--retry", "0");
        var exit = run.WaitForExit(RunLimit);

        var cells = run.Results().Cells;
        Assert.Equal(2, cells.Count);
        var square = cells.Single(c => c.Workload == "square");
        Assert.Equal(CellStatus.Failed, square.Status);
        Assert.Matches(@"worker \d+ died while running item 3 \(killed by signal 9, SIGKILL\)", square.Error);
        Assert.Contains("not retried", square.Error);
        Assert.Equal(CellStatus.Ok, cells.Single(c => c.Workload == "sleep").Status);
        Assert.Equal(1, exit);

        // The injected kill stamped its wall-clock time into the cell's fault marker; the cell's line
        // in the run's output is the moment the run knew the cell had failed.
        var marker = Directory.GetFiles(Path.Combine(run.OutDirectory, "cells"), "*.fired", SearchOption.AllDirectories).Single();
        var killedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(File.ReadAllText(marker).Split(' ')[0]));
        var reportedAt = run.LineTime("square process-pool W=4: FAILED");
        Assert.NotNull(reportedAt);
        var delay = reportedAt!.Value - killedAt;
        Assert.True(delay <= TimeSpan.FromSeconds(2), $"the cell failed {delay.TotalSeconds:F2} s after the kill");
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void AbnormalExitInProcessesStrategy_WithRetryThatFailsToo_ReportsBothAttempts()
    {
        // ",every": the retry meets the same fault, so the cell must fail and say that the retry failed.
        using var run = new BenchRun("exit-worker@item:1,every",
            "--profile", "quick", "--workloads", "square", "--strategies", "processes", "--workers", "2");
        var exit = run.WaitForExit(RunLimit);

        var cell = Assert.Single(run.Results().Cells);
        Assert.Equal(1, exit);
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.Contains("(exit code 42)", cell.Error);
        Assert.Contains("retried on a fresh worker, which failed too", cell.Error);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }
}
