using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Workloads;
using Bench.Workloads.Basic;
using Bench.Workloads.Contract;

namespace Bench.Harness.Tests;

[Trait("Category", "Process")]
public class WorkerPoolTests
{
    [Fact]
    public void WorkerDescribesTheSameVectorWidthAsTheHarness()
    {
        // Threads run the harness's code, processes the worker's: the kernels must take the same paths.
        // (A NativeAOT worker for baseline x64 reported 0 and ran blur's scalar path, 10× slower.)
        Assert.Equal(VectorWidth.Bits(), StrategyHarness.Launcher.DescribeVectorBits());
    }

    [Fact]
    public void PoolSurvivesManyBatchesAndItsWorkersExitWithIt()
    {
        var workload = WorkloadRegistry.Get("square");
        using var session = workload.Open(ParameterSet.From(new Dictionary<string, string> { ["items"] = "37" }), new SessionShape(2, true));
        var executor = new ProcessPoolStrategy().Create(new CellContext(workload, session, 2, null, StrategyHarness.Launcher));
        var pids = new HashSet<string>();
        for (var batch = 0; batch < 300; batch++)
        {
            var outcome = new BatchOutcome(37, trace: true);
            executor.ExecuteBatch(outcome);
            Assert.Null(outcome.FirstError);
            outcome.EnsureComplete();
            Assert.Equal(SquareWorkload.Square(36), outcome.Results[36]);
            foreach (var item in outcome.ToTrace()?.Items ?? [])
            {
                pids.Add(item.Worker);
            }
        }

        // The same workers served every batch: never more than the pool's two processes.
        Assert.InRange(pids.Count, 1, 2);
        var slow = WorkloadRegistry.Get("sleep");
        using (var sleepSession = slow.Open(ParameterSet.From(new Dictionary<string, string> { ["items"] = "8", ["ms"] = "20" }), new SessionShape(2, true)))
        using (var sleeper = new ProcessPoolStrategy().Create(new CellContext(slow, sleepSession, 2, 1, StrategyHarness.Launcher)))
        {
            // Items that wait spread over both workers of a pool.
            var outcome = new BatchOutcome(8, trace: true);
            sleeper.ExecuteBatch(outcome);
            Assert.Equal(2, outcome.ToTrace()!.Items.Select(i => i.Worker).Distinct().Count());
        }

        executor.Dispose();
        foreach (var pid in pids.Select(p => int.Parse(p.Split(' ')[1])))
        {
            Assert.False(Directory.Exists($"/proc/{pid}"), $"worker {pid} outlived its pool");
        }
    }

    [Fact]
    public void WorkerExitsOnItsOwnWhenTheHarnessClosesItsStdin()
    {
        var info = new ProcessStartInfo(StrategyHarness.Launcher.ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var worker = Process.Start(info)!;
        worker.StandardInput.Close();
        Assert.True(worker.WaitForExit(5000), "worker did not exit after its stdin closed");
        Assert.Equal(0, worker.ExitCode);
    }

    [Fact]
    public void WorkerReportsAFailingSetupInsteadOfDying()
    {
        using var worker = StrategyHarness.Launcher.Start();
        var error = Assert.Throws<WorkerException>(() => worker.Setup("no-such-workload", ParameterSet.Empty));
        Assert.Contains("no-such-workload", error.Message);
        worker.Setup("square", ParameterSet.From(new Dictionary<string, string> { ["items"] = "4" }));
        var outcome = new BatchOutcome(4, trace: false);
        worker.Run(0, 4, outcome);
        outcome.EnsureComplete();
        Assert.Equal(9, outcome.Results[3]);
    }
}
