using Bench.Harness.Execution.Strategies;
using Bench.Workloads;

namespace Bench.Workloads.Tests;

/// <summary>
/// Every registered workload under every registered strategy that applies to it, at W ∈ {1, 2, 4}, each
/// batch validated against the single-threaded reference (BatchProbe throws on a failed item or a wrong
/// result). Quick sizes: this checks correctness under concurrency and across processes, not speed. A
/// workload or strategy added to its registry is covered without touching this test.
/// </summary>
[Trait("Category", "Process")]
public sealed class StrategyMatrixTests
{
    private static readonly IReadOnlyDictionary<string, string> QuickSizes = new Dictionary<string, string>();

    public static TheoryData<string, string, int> Cells()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var workload in WorkloadRegistry.Workloads)
        {
            var parameters = WorkloadRegistry.Resolve(workload, QuickSizes, quick: true, out var error);
            Assert.Null(error);
            foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.AppliesTo(workload.Info)))
            {
                // As the run plan does: a combination that means nothing under this kind of strategy is no cell.
                if (workload.Inapplicable(parameters, strategy.Info.UsesProcesses) is not null)
                {
                    continue;
                }

                foreach (var workers in new[] { 1, 2, 4 })
                {
                    data.Add(workload.Info.Name, strategy.Info.Name, workers);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_workload_and_every_strategy_is_in_the_matrix()
    {
        var cells = Cells().Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        Assert.Equal(WorkloadRegistry.Workloads.Select(w => w.Info.Name).Order(), cells.Select(c => c.Item1).Distinct().Order());
        Assert.Equal(StrategyRegistry.Strategies.Select(s => s.Info.Name).Order(), cells.Select(c => c.Item2).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Runs_validated(string workload, string strategy, int workers)
    {
        var launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
        var times = BatchProbe.Run(workload, QuickSizes, quick: true, strategy, workers, batches: 1, launcher);
        Assert.Single(times);
    }

    [Fact]
    public void Sobel_runs_validated_across_processes()
    {
        var launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
        var sizes = new Dictionary<string, string> { ["kernel"] = "sobel" };
        Assert.Single(BatchProbe.Run("blur", sizes, quick: true, "process-pool", 2, batches: 1, launcher));
    }
}
