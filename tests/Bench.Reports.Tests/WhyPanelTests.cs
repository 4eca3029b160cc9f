using Bench.Reports.Model;
using Bench.Reports.Why;
using Bench.Results;
using Xunit;

namespace Bench.Reports.Tests;

/// <summary>The "why" panel picks, from the counters results.json carries, the ones that set the slowest strategy apart from the fastest.</summary>
public class WhyPanelTests
{
    private static RunResults WithCounters()
    {
        var run = Fixtures.Generated100();
        // Per item: process-pool 9,400 minor page faults and 80 JIT-compiled methods; every other strategy
        // 12 faults and none; allocation 1 KiB per item everywhere (no difference: never singled out).
        return run with
        {
            Cells = [.. run.Cells.Select(c => c with
            {
                Resources = [.. c.Resources!.Select(r => r with
                {
                    Kernel = new KernelCounterDeltas
                    {
                        MinorPageFaults = (c.Strategy == "process-pool" ? 9_400 : 12) * c.Items,
                        ContextSwitches = 3 * c.Items,
                        Unavailable = ["cycles: ENOENT: this machine exposes no such counter"],
                    },
                    Runtime = new RuntimeCounterDeltas { AllocatedBytes = 1024 * c.Items, JitCompiledMethods = c.Strategy == "process-pool" ? 80 * c.Items : 0, Processes = 1 },
                })],
            })],
        };
    }

    [Fact]
    public void TheCountersThatDifferMostBetweenFastestAndSlowestAreNamedWithTheirFigures()
    {
        var data = new ReportData(WithCounters());
        var panel = new WhyPanel(data.Groups[0]);
        Assert.Equal("threads", panel.Fastest!.Strategy);
        Assert.Equal("process-pool", panel.Slowest!.Strategy);
        Assert.Equal(16, panel.Fastest.Workers);
        Assert.Equal(["minor page faults", "JIT-compiled methods"], panel.Contrasts.Select(c => c.Counter.Name));
        var sentence = panel.Sentence();
        Assert.Contains("minor page faults per item 9,400 vs 12", sentence);
        Assert.Contains("JIT-compiled methods per item 80.0 vs 0", sentence);
        Assert.DoesNotContain("allocated", sentence); // equal everywhere
        Assert.True(panel.IsHighlighted(panel.Slowest, panel.Contrasts[0].Counter));
        Assert.False(panel.IsHighlighted(data.Groups[0].Cells.First(c => c.Strategy == "threadpool"), panel.Contrasts[0].Counter));
    }

    [Fact]
    public void AFileWithoutCountersSaysSoInsteadOfShowingZeros()
    {
        var data = new ReportData(Fixtures.Generated100());
        var panel = new WhyPanel(data.Groups[0]);
        Assert.Empty(panel.Counters);
        Assert.Contains("no counters in results.json", panel.Sentence());
    }

    [Fact]
    public void ThePageAndTheSummaryCarryThePanel()
    {
        var out_ = Fixtures.OutputDirectory("why-panel");
        var file = Path.Combine(out_, "results.json");
        ResultsFile.Write(file, WithCounters());
        var report = Path.Combine(out_, "report");
        ReportWriter.Write(file, report);
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("class=\"why-table\"", html);
        Assert.Contains("why-hot", html);
        Assert.Contains("Not available here: cycles: ENOENT", html);
        var md = File.ReadAllText(Path.Combine(report, "summary.md"));
        Assert.Contains("## Why: the counters that differ most", md);
        Assert.Contains("- sieve, W=16: process-pool (slowest", md);
    }
}
