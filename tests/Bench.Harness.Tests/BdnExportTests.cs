using Bench.Compare;
using Bench.Compare.Inputs;
using Bench.Compare.Verdicts;

namespace Bench.Harness.Tests;

/// <summary>BenchmarkDotNet's own exports of a cell name it: workload, strategy, W and parameters are the benchmark's parameters.</summary>
public class BdnExportTests
{
    [Fact]
    public void Exports_of_cells_of_different_sizes_are_not_matched_as_one_cell()
    {
        var small = Export("sleep.items=2");
        var large = Export("sleep.items=4");
        try
        {
            var smallInput = InputReader.Read(small.Export);
            var cell = Assert.Single(smallInput.Cells);
            // Keyed and named as results.json keys and names the cell.
            Assert.Equal("sleep|threads|w1|items=2;ms=1", cell.Key);
            Assert.Equal("sleep threads W=1 items=2;ms=1", cell.Name);
            using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(small.Export)))
            {
                var benchmark = json.RootElement.GetProperty("Benchmarks")[0];
                Assert.Equal("Workload=sleep&Strategy=threads&W=1&Parameters=items=2;ms=1", benchmark.GetProperty("Parameters").GetString());
            }

            var report = Comparer.Compare(smallInput, InputReader.Read(large.Export), new ComparisonOptions());
            Assert.Equal(2, report.Cells.Count);
            Assert.Contains(report.Cells, c => c.Verdict == Verdict.Missing && c.Name.Contains("items=2", StringComparison.Ordinal));
            Assert.Contains(report.Cells, c => c.Verdict == Verdict.New && c.Name.Contains("items=4", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Cells, c => c.Statistics is not null);

            // The same cell in bench's results.json and in BDN's export is one cell to compare.
            var mixed = Comparer.Compare(InputReader.Read(small.Results), smallInput, new ComparisonOptions());
            Assert.Equal(cell.Key, Assert.Single(mixed.Cells).Key);
            Assert.NotNull(mixed.Cells[0].Statistics);
        }
        finally
        {
            Directory.Delete(small.Directory, recursive: true);
            Directory.Delete(large.Directory, recursive: true);
        }
    }

    private static (string Directory, string Results, string Export) Export(string size)
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-bdn-export-" + Guid.NewGuid().ToString("N"));
        var (code, stdout, stderr) = EndToEndTests.RunBench(
            "run", "--profile", "quick", "--filter", "sleep/threads/w1", "--param", size, "--param", "sleep.ms=1", "--out", outDirectory);
        Assert.True(code == 0, $"bench run exited {code}: {stderr}\n{stdout}");
        var export = Directory.GetFiles(Path.Combine(outDirectory, "bdn"), "*-report-full.json", SearchOption.AllDirectories);
        return (outDirectory, Path.Combine(outDirectory, "results.json"), Assert.Single(export));
    }
}
