using Bench.Harness.Execution.Strategies;
using Bench.Workloads;

namespace Bench.Workloads.Tests;

/// <summary>
/// Every new workload under every applicable strategy at W ∈ {1, 2, 4}, each batch validated against
/// the single-threaded reference (BatchProbe throws on a failed item or a wrong result). Small sizes:
/// this checks correctness under concurrency and across processes, not speed.
/// </summary>
public sealed class StrategyMatrixTests
{
    private static readonly Dictionary<string, Dictionary<string, string>> SmallSizes = new()
    {
        ["file-io"] = new() { ["items"] = "6", ["block"] = "4096" },
        ["net-io"] = new() { ["items"] = "6", ["latency"] = "2", ["payload"] = "2048" },
        ["sieve"] = new() { ["n"] = "2000003", ["items"] = "6" },
        ["blur"] = new() { ["width"] = "131", ["height"] = "67", ["items"] = "6" },
    };

    public static TheoryData<string, string, int> Cells()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var workload in SmallSizes.Keys)
        {
            foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.AppliesTo(WorkloadRegistry.Get(workload).Info)))
            {
                foreach (var workers in new[] { 1, 2, 4 })
                {
                    data.Add(workload, strategy.Info.Name, workers);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Runs_validated(string workload, string strategy, int workers)
    {
        var launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
        var times = BatchProbe.Run(workload, SmallSizes[workload], quick: true, strategy, workers, batches: 1, launcher);
        Assert.Single(times);
    }

    [Fact]
    public void Sobel_runs_validated_across_processes()
    {
        var launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
        var sizes = new Dictionary<string, string>(SmallSizes["blur"]) { ["kernel"] = "sobel" };
        Assert.Single(BatchProbe.Run("blur", sizes, quick: true, "process-pool", 2, batches: 1, launcher));
    }
}
