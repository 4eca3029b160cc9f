using System.Text.Json;
using System.Text.RegularExpressions;
using Bench.Compare;
using Bench.Compare.Verdicts;
using Bench.Results;
using Xunit;

namespace Bench.Reports.Tests;

/// <summary>
/// A real bench-results/1 file (tests/fixtures/results-v1.json) is read through the migration on read:
/// its cells keep their keys, <c>bench compare</c> matches them with the same cells of a v2 file, and the
/// report renders it as the v1 harness rendered it (tests/fixtures/results-v1.summary.md).
/// </summary>
public class SchemaV1Tests
{
    [Fact]
    public void V1_file_gets_descriptors_a_gil_variant_and_two_named_efficiencies()
    {
        var results = ResultsFile.Read(Fixtures.V1);
        using var raw = JsonDocument.Parse(File.ReadAllText(Fixtures.V1));
        var rawCells = raw.RootElement.GetProperty("cells").EnumerateArray().ToList();

        Assert.Equal(RunResults.SchemaId, results.Schema);
        Assert.Equal(ResultsV1.Strategies, results.Strategies);
        Assert.True(results.DescribeStrategy("process-pool") is { Family: StrategyFamily.Process, Pooled: true, OsFloor: OsFloor.PipeRoundTrip });
        Assert.Equal(4, results.Cells.Count(c => c.Variant == CellVariants.Gil)); // sieve × {threads, threadpool} × W {1, 2}
        Assert.DoesNotContain(results.Cells, c => c.Parameters.ContainsKey(CellVariants.Gil));
        foreach (var (cell, rawCell) in results.Cells.Zip(rawCells))
        {
            var derived = rawCell.GetProperty("derived");
            Assert.Equal(derived.GetProperty("efficiency").GetDouble(), cell.Derived!.EfficiencyVsSequential);
            Assert.Equal(derived.TryGetProperty("speedupVsW1", out var s) ? s.GetDouble() / cell.Workers : null, cell.Derived.EfficiencyVsW1);
        }
    }

    [Fact]
    public void V1_and_v2_files_of_the_same_cells_have_the_same_keys_and_compare_cell_by_cell()
    {
        using var raw = JsonDocument.Parse(File.ReadAllText(Fixtures.V1));
        // The key as bench-results/1 spelled it, from the raw JSON: gil=on was one of the parameters.
        var v1Keys = raw.RootElement.GetProperty("cells").EnumerateArray().Select(c =>
            $"{c.GetProperty("workload").GetString()}|{c.GetProperty("strategy").GetString()}|w{c.GetProperty("workers").GetInt32()}|" +
            string.Join(";", c.GetProperty("parameters").EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}"))).ToList();
        var migrated = ResultsFile.Read(Fixtures.V1);
        Assert.Equal(v1Keys, migrated.Cells.Select(c => c.Key));

        var directory = Fixtures.OutputDirectory("v1-v2");
        var v2Path = Path.Combine(directory, "results.json");
        ResultsFile.Write(v2Path, migrated);
        Assert.Contains($"\"schema\": \"{RunResults.SchemaId}\"", File.ReadAllText(v2Path), StringComparison.Ordinal);
        Assert.Equal(v1Keys, ResultsFile.Read(v2Path).Cells.Select(c => c.Key));

        var comparison = Comparer.Compare(Fixtures.V1, v2Path, new ComparisonOptions());
        Assert.Equal(v1Keys.Count, comparison.Cells.Count);
        // Every cell is matched with itself: identical samples, no change (not "new" or "missing").
        Assert.All(comparison.Cells, c => Assert.Equal((Verdict.Noise, 1.0), (c.Verdict, c.Statistics!.Ratio)));
        Assert.Contains(comparison.Cells, c => c.Name == "sieve threads W=2 gil=on;items=8;n=10000000");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void V1_file_renders_as_the_v1_harness_rendered_it()
    {
        var report = ReportWriter.Write(Fixtures.V1, Fixtures.OutputDirectory("v1"));

        // The same charts as the v1 harness's own report of this file.
        string[] kinds = ["distribution", "efficiency", "memory", "overhead", "speedup", "throughput", "timeline-processes", "timeline-threads"];
        var expected = Enumerable.Range(1, 3).SelectMany(g => kinds.Select(k => $"w{g:00}-{k}.png")).Where(f => f != "w03-overhead.png");
        Assert.Equal(expected.Order(StringComparer.Ordinal), report.Charts.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var html = File.ReadAllText(report.IndexHtml);
        Assert.Equal(
            // Contents first; the warnings after the workloads' charts they qualify (issue 21).
            ["Contents", "The answer for this machine", "The guide's comparison table, measured", "square", "sleep", "sieve", "Run warnings", "Environment", "All cells"],
            Regex.Matches(html, "<h2[^>]*>([^<]*)").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()));

        // The summary, line by line, as v1 wrote it — but for what this version says better: the GIL
        // series have the start-up of the threads they run on, the Task.Run floor is named in full, and
        // gil=on is no longer listed among a GIL cell's parameters (its series, threads-gil, says it) — and
        // the lines that rank strategies or mark contradictions, which now decide by the ratio's interval
        // and the threshold (issue 15): this file's few samples make its winners ties.
        string[] decided = ["- I/O-bound:", "- CPU-bound:", "| Best for |", "| Memory |", "| Execution |", "| Speed |", "- Execution:", "- Speed / best for:", "- Best for:"];
        // The long parts are folded in <details> blocks now (issue 21): those tags and blank lines are layout, not content.
        bool Decided(string line) => decided.Any(p => line.StartsWith(p, StringComparison.Ordinal)) || line.Length == 0 ||
                                     line.StartsWith("<details>", StringComparison.Ordinal) || line == "</details>";
        var before = File.ReadAllLines(Fixtures.Path("results-v1.summary.md")).Where(l => !Decided(l)).ToList();
        var lines = File.ReadAllLines(report.SummaryMarkdown);
        // Speedups and efficiencies now carry their interval: "1.25× (0.695–2.37)"; without it the line is v1's.
        var after = lines.Where(l => !Decided(l))
            .Select(l => Regex.Replace(l, @" \([^()|]*–[^()|]*\)", "").Replace(" (95% CI)", "", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(lines, l => l.StartsWith("- CPU-bound: process-pool and threadpool are not told apart", StringComparison.Ordinal));
        Assert.Equal(before.Count, after.Count);
        foreach (var (old, now) in before.Zip(after))
        {
            if (old.StartsWith("| Start-up |", StringComparison.Ordinal))
            {
                var oldColumns = old.Split(" | ");
                var newColumns = now.Split(" | ");
                Assert.Equal(["—", "—"], oldColumns[5..7]); // threads-gil, threadpool-gil
                Assert.Equal([oldColumns[2], oldColumns[3]], newColumns[5..7]);
                Assert.Equal(oldColumns.Where((_, i) => i is not (5 or 6)), newColumns.Where((_, i) => i is not (5 or 6)));
                continue;
            }

            Assert.Equal(old.Replace("the Task.Run floor", "the Task.Run round trip floor", StringComparison.Ordinal).Replace("gil=on, ", "", StringComparison.Ordinal), now);
        }
    }
}
