using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Bench.Reports.Tests;

/// <summary>Runs alone (no other test class in parallel) so that the browser tests do not eat its time.</summary>
[CollectionDefinition(nameof(RenderTimeCollection), DisableParallelization = true)]
public sealed class RenderTimeCollection;

/// <summary>The bound: a 100-cell results.json renders in at most 10 s. The time is logged.</summary>
[Collection(nameof(RenderTimeCollection))]
[Trait("Category", "Slow")]
public class RenderTimeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hundred_cells_render_within_ten_seconds()
    {
        var results = Fixtures.Generated100();
        Assert.Equal(100, results.Cells.Count);
        var clock = Stopwatch.StartNew();
        var report = ReportWriter.Write(results, Fixtures.OutputDirectory("hundred"));
        clock.Stop();
        output.WriteLine($"100 cells: {report.Charts.Count} charts, rendered in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"100-cell report took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
