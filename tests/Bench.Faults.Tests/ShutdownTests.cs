using System.Diagnostics;
using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>Fault 5: the run itself is stopped — politely (SIGINT, SIGTERM) or not (SIGKILL).</summary>
[Trait("Category", "Process")]
public sealed class ShutdownTests
{
    // A first cell that finishes quickly, then a cell with long items under process-pool, in flight
    // when the signal arrives.
    private static readonly string[] TwoCells =
    [
        "--profile", "quick", "--workloads", "square,sleep", "--param", "sleep.ms=3000", "--strategies", "process-pool", "--workers", "2",
    ];

    // The in-flight cell (sleep, 8 items of 3 s at W=2) needs 12 s per batch and at least 7 batches: a run
    // that waited for it instead of killing it would end minutes later.
    private static readonly TimeSpan InFlightCellNeeds = TimeSpan.FromSeconds(7 * 12);

    /// <summary>
    /// A signal stops the run: the cell in flight is killed, not waited for; finished cells are kept.
    /// Started normally, with SIGINT ignored (a background job of a non-interactive shell, issue 22 #2),
    /// and under a CPU hog of 2 threads per core. The limits follow the machine's speed at that moment:
    /// stopping is a kill, a results.json and a report, so it may take what starting bench and rendering
    /// the same report take here now (measured under the same load), plus a margin.
    /// </summary>
    [Theory]
    [InlineData(BenchRun.SIGINT, 130, false, false)]
    [InlineData(BenchRun.SIGTERM, 143, false, false)]
    [InlineData(BenchRun.SIGINT, 130, true, false)]
    [InlineData(BenchRun.SIGINT, 130, false, true)]
    [InlineData(BenchRun.SIGTERM, 143, true, true)]
    public void Signal_StopsTheRunPromptly_KeepsFinishedCells_KillsEveryProcess(int signal, int expectedExit, bool interruptIgnored, bool underLoad)
    {
        using var hog = underLoad ? new CpuHog() : null;
        var start = MachineNow.BenchStart();
        // How long the first cell may take to appear: three times what a run of that cell alone takes here and now.
        var patience = TimeSpan.FromSeconds(30) + 3 * MachineNow.Run("run", "--profile", "quick", "--workloads", "square", "--strategies", "process-pool", "--workers", "2");
        using var run = new BenchRun(null, interruptIgnored, TwoCells);
        Assert.True(run.WaitForLine("[1/2]", patience), $"no cell finished within {patience.TotalSeconds:F0} s\n" + run.Output + run.Errors);
        WaitForWorkers(run, patience);

        var signalled = DateTimeOffset.UtcNow;
        run.Signal(signal);
        var exit = run.WaitForExit(InFlightCellNeeds);
        Assert.Equal(expectedExit, exit);

        // Stopping up to results.json: a kill and a small file, cheaper than starting bench once.
        var resultsWritten = run.LineTime("bench run: 1 ok") ?? throw new Xunit.Sdk.XunitException("no summary line\n" + run.Output + run.Errors);
        var stopLimit = TimeSpan.FromSeconds(3) + 3 * start;
        Assert.True(resultsWritten - signalled <= stopLimit,
            $"results.json came {(resultsWritten - signalled).TotalSeconds:F1} s after the signal; limit {stopLimit.TotalSeconds:F1} s (bench starts in {start.TotalSeconds:F1} s now)");
        // Then the report of the finished cells, which may take what rendering it alone takes now.
        var report = MachineNow.Report(Path.Combine(run.OutDirectory, "results.json"));
        var reportLimit = TimeSpan.FromSeconds(3) + 2 * report;
        var exited = run.ExitTime!.Value;
        Assert.True(exited - resultsWritten <= reportLimit,
            $"the run ended {(exited - resultsWritten).TotalSeconds:F1} s after results.json; limit {reportLimit.TotalSeconds:F1} s (the report alone takes {report.TotalSeconds:F1} s now)");

        var results = run.Results();
        var cell = Assert.Single(results.Cells);
        Assert.Equal("square", cell.Workload);
        Assert.Null(results.CompletedUtc);
        Assert.Contains(results.Warnings, w => w.StartsWith("interrupted by SIG", StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(Path.Combine(run.OutDirectory, "journal.jsonl")), l => l.Length > 0);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1) + start);
    }

    [Fact]
    public void SecondInterrupt_ExitsAtOnce_LeavingNoProcess()
    {
        using var run = new BenchRun(null,
            "--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=3000", "--strategies", "processes", "--workers", "2");
        WaitForWorkers(run);

        var start = MachineNow.BenchStart();
        run.Signal(BenchRun.SIGINT);
        run.Signal(BenchRun.SIGINT);
        // "At once": no results.json, no report; a kill of the tree and an exit, well within one bench start.
        var exit = run.WaitForExit(TimeSpan.FromSeconds(2) + 2 * start);

        Assert.Equal(130, exit);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1) + start);
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
    private static void WaitForWorkers(BenchRun run, TimeSpan? patience = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (patience ?? TimeSpan.FromSeconds(120)))
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
