using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads.Basic;

namespace Bench.Harness.Tests;

[Trait("Category", "Process")]
public class StrategyTests
{
    public static TheoryData<string, int> BlockingStrategies()
    {
        var data = new TheoryData<string, int>();
        foreach (var s in new[] { "threads", "threadpool", "processes", "process-pool" })
        {
            foreach (var w in new[] { 1, 3 })
            {
                data.Add(s, w);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BlockingStrategies))]
    public void EveryItemReturnsItsOwnResultExactlyOnce(string strategy, int workers)
    {
        var items = strategy == "processes" ? 10 : 101;
        var outcome = StrategyHarness.RunOnce(strategy, "square", workers, new Dictionary<string, string> { ["items"] = items.ToString() });
        Assert.Null(outcome.FirstError);
        outcome.EnsureComplete();
        for (var i = 0; i < items; i++)
        {
            Assert.Equal(SquareWorkload.Square(i), outcome.Results[i]);
        }
    }

    [Fact]
    public void AsyncStrategyReturnsEveryItemOfTheAsyncForm()
    {
        var outcome = StrategyHarness.RunOnce("threadpool-async", "sleep", 4, new Dictionary<string, string> { ["items"] = "40", ["ms"] = "1" });
        Assert.Null(outcome.FirstError);
        outcome.EnsureComplete();
        Assert.All(outcome.Results.ToArray(), r => Assert.Equal(1, r));
    }

    [Fact]
    public void ProcessStrategiesTraceEachProcessLife()
    {
        var outcome = StrategyHarness.RunOnce("processes", "square", 2, new Dictionary<string, string> { ["items"] = "4" }, trace: true);
        var trace = outcome.ToTrace()!;
        Assert.Equal(4, trace.Processes.Count);
        Assert.All(trace.Processes, p =>
        {
            Assert.NotNull(p.ReadyNs);
            Assert.NotNull(p.ExitNs);
            Assert.True(p.SpawnNs < p.ReadyNs && p.ReadyNs < p.ExitNs);
        });
        Assert.Equal(4, trace.Items.Select(i => i.Worker).Distinct().Count());
    }

    [Fact]
    public void BatchOutcomeRefusesADuplicateResult()
    {
        var outcome = new BatchOutcome(3, trace: false);
        outcome.Record(1, 7);
        Assert.Throws<InvalidOperationException>(() => outcome.Record(1, 7));
        Assert.Throws<InvalidOperationException>(() => outcome.Record(3, 0));
        Assert.Throws<InvalidOperationException>(outcome.EnsureComplete);
    }

    [Fact]
    public void AutoChunkSizeFollowsPoolMap()
    {
        // Pool.map: chunksize = ceil(n / (4 * workers)).
        Assert.Equal(1, ProcessPoolStrategy.AutoChunkSize(3, 4));
        Assert.Equal(7, ProcessPoolStrategy.AutoChunkSize(100, 4));
        Assert.Equal(125, ProcessPoolStrategy.AutoChunkSize(1000, 2));
    }
}
