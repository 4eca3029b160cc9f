using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>Fault 3: items that throw.</summary>
[Trait("Category", "Process")]
public sealed class FailingItemTests
{
    [Fact]
    public void ThrowingItems_FailTheCellWithTheFirstErrorAndACount_OtherCellsKeepTheirMeasurements()
    {
        using var run = new BenchRun("throw@item:*,workload=square",
            "--profile", "quick", "--workloads", "square,sleep", "--param", "sleep.ms=1", "--strategies", "threadpool,process-pool", "--workers", "2");
        var exit = run.WaitForExit(TimeSpan.FromSeconds(120));

        var cells = run.Results().Cells;
        Assert.Equal(4, cells.Count);
        Assert.Equal(1, exit);
        var threaded = cells.Single(c => c is { Workload: "square", Strategy: "threadpool" });
        Assert.Equal(CellStatus.Failed, threaded.Status);
        Assert.Matches(@"^item \d+: InjectedFaultException: injected fault throw@item:\*,workload=square at item \d+ \(and 7 more failed items\)$", threaded.Error);
        var pooled = cells.Single(c => c is { Workload: "square", Strategy: "process-pool" });
        Assert.Equal(CellStatus.Failed, pooled.Status);
        Assert.Matches(@"^item \d+ in worker \d+: InjectedFaultException", pooled.Error);
        foreach (var sleep in cells.Where(c => c.Workload == "sleep"))
        {
            Assert.Equal(CellStatus.Ok, sleep.Status);
            // Measured in full: as many samples as the quick budget allowed (at least 6, at most 8), none lost.
            Assert.InRange(sleep.SamplesNs.Count, 6, 8);
            Assert.Equal(sleep.SamplesNs.Count, sleep.Statistics!.SampleCount);
        }

        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void MalformedFaultVariable_IsBadInput_Exit2_OneLine()
    {
        using var run = new BenchRun("explode@item:3", "--profile", "quick", "--workloads", "square");
        var exit = run.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exit);
        Assert.Equal("bench: BENCH_FAULT: unknown fault kind 'explode'; valid: kill-worker, exit-worker, hang, throw, corrupt-frame, oversized-frame", run.Errors);
    }
}
