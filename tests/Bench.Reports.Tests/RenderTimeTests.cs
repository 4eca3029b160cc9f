using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Bench.Reports.Tests;

/// <summary>Runs alone (no other test class in parallel) so that the logged time is not the browser tests'.</summary>
[CollectionDefinition(nameof(RenderTimeCollection), DisableParallelization = true)]
public sealed class RenderTimeCollection;

/// <summary>
/// A 100-cell results.json renders whole. The time is logged, not asserted: these machines are shared, and the
/// render's speed is a benchmark's figure (tools/Bench.Perf.History prints a run report's time beside its own).
/// </summary>
[Collection(nameof(RenderTimeCollection))]
[Trait("Category", "Slow")]
public class RenderTimeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hundred_cells_render_with_a_chart_set_and_a_page()
    {
        var results = Fixtures.Generated100();
        Assert.Equal(100, results.Cells.Count);
        var clock = Stopwatch.StartNew();
        var report = ReportWriter.Write(results, Fixtures.OutputDirectory("hundred"));
        clock.Stop();
        output.WriteLine($"100 cells: {report.Charts.Count} charts, rendered in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(File.Exists(report.IndexHtml), report.IndexHtml);
        Assert.NotEmpty(report.Charts);
        Assert.All(report.Charts, chart => Assert.True(File.Exists(chart), chart));
    }
}
