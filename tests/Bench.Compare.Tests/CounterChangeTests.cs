using Bench.Compare.Formats;
using Bench.Results;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>bench compare names the counters that moved with a cell that changed: informational, never a gate.</summary>
public class CounterChangeTests
{
    private static CellResult WithFaults(CellResult cell, long faultsPerItem) => cell with
    {
        Resources = [.. cell.SamplesNs.Select(_ => new SampleResources
        {
            Kernel = new KernelCounterDeltas { MinorPageFaults = faultsPerItem * cell.Items, ContextSwitches = 2 * cell.Items },
            Runtime = new RuntimeCounterDeltas { AllocatedBytes = 1024 * cell.Items, Processes = 1 },
        })],
    };

    [Fact]
    public void ASlowerCellShowsTheCountersThatChangedAndASameOneNone()
    {
        var baseline = TestRuns.Run(
        [
            WithFaults(TestRuns.Cell("blur", "process-pool", 4, TestRuns.Samples(100e6)), 12),
            WithFaults(TestRuns.Cell("sieve", "threads", 4, TestRuns.Samples(50e6)), 12),
        ]);
        var current = TestRuns.Run(
        [
            WithFaults(TestRuns.Cell("blur", "process-pool", 4, TestRuns.Samples(150e6, seed: 2)), 9_400),
            WithFaults(TestRuns.Cell("sieve", "threads", 4, TestRuns.Samples(50e6, seed: 3)), 9_400),
        ]);
        var report = Comparer.Compare(TestRuns.Input(baseline, "base.json"), TestRuns.Input(current, "cur.json"), new ComparisonOptions());
        var blur = report.Cells.Single(c => c.Name.StartsWith("blur", StringComparison.Ordinal));
        var sieve = report.Cells.Single(c => c.Name.StartsWith("sieve", StringComparison.Ordinal));
        Assert.Equal(Verdicts.Verdict.Slower, blur.Verdict);
        Assert.Equal("minor page faults per item 12 → 9,400", blur.CounterChanges);
        Assert.Null(sieve.CounterChanges); // its time did not change: its counters are not the story
        var text = new TextFormat().Render(report);
        Assert.Contains("counter changes (informational, not a gate):", text);
        Assert.Contains("minor page faults per item 12 → 9,400", text);
        Assert.Contains("minor page faults per item 12 → 9,400", new MarkdownFormat().Render(report));
    }
}
