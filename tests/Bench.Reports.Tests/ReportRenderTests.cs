using System.Text.RegularExpressions;
using Bench.Results;
using Xunit;


namespace Bench.Reports.Tests;

public class ReportRenderTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Full_fixture_renders_every_output_and_every_chart()
    {
        var report = ReportWriter.Write(Fixtures.Full, Fixtures.OutputDirectory("full"));
        var results = ResultsFile.Read(Fixtures.Full);

        Assert.True(File.Exists(report.IndexHtml));
        Assert.NotEmpty(report.Charts);
        foreach (var chart in report.Charts)
        {
            Assert.Equal(PngSignature, File.ReadAllBytes(chart).Take(8).ToArray());
        }

        var html = File.ReadAllText(report.IndexHtml);
        Assert.DoesNotContain("could not be drawn", html, StringComparison.Ordinal);
        // Every chart kind is there for the fixture's two measured workloads.
        foreach (var kind in new[] { "speedup", "efficiency", "throughput", "overhead", "memory", "distribution", "timeline-threads", "timeline-processes" })
        {
            Assert.Contains(report.Charts, c => c.EndsWith($"w02-{kind}.png", StringComparison.Ordinal));
        }

        Assert.Contains(report.Charts, c => c.EndsWith("-timeline-locks.png", StringComparison.Ordinal));
        Assert.Contains("I/O-bound: threadpool and threadpool-async are equivalent (within ", html, StringComparison.Ordinal);
        Assert.Contains("CPU-bound: use ", html, StringComparison.Ordinal);
        // The fixture's thread speedups (8 samples, wide spread) have intervals that reach 1: no claim of parallelism.
        Assert.Contains("CPython's GIL, which .NET does not have; this run has no CPU-bound thread cell whose speedup", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("1,873 lost updates", html, StringComparison.Ordinal);
        // The warnings sit with their workload, collapsed, after its charts; failures come first in each group.
        var warnings = Regex.Matches(html, "class=\"kind kind-([a-z]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("failed", warnings);
        Assert.Contains("invalid", warnings);
        Assert.Contains("noisy", warnings);
        Assert.Contains("multimodal", warnings);
        string[] order = ["failed", "invalid", "noisy", "multimodal", "cell", "run"];
        foreach (var group in Regex.Matches(html, "<details class=\"warnings\".*?</details>", RegexOptions.Singleline).Select(m => m.Value))
        {
            var kinds = Regex.Matches(group, "class=\"kind kind-([a-z]+)\"").Select(m => Array.IndexOf(order, m.Groups[1].Value)).ToList();
            Assert.Equal(kinds.Order(), kinds);
        }

        foreach (Match section in Regex.Matches(html, "<section class=\"workload\" id=\"(w[0-9]+)\".*?</section>", RegexOptions.Singleline))
        {
            Assert.Contains($"href=\"#{section.Groups[1].Value}\"", html, StringComparison.Ordinal); // the contents link to it
            var details = section.Value.IndexOf("<details", StringComparison.Ordinal);
            Assert.True(details < 0 || details > section.Value.LastIndexOf("<figure", StringComparison.Ordinal), "warnings come after the charts");
        }

        var csv = File.ReadAllLines(report.Csv);
        Assert.Equal(results.Cells.Count + 1, csv.Length);
        var summary = File.ReadAllText(report.SummaryMarkdown);
        Assert.Contains("| Feature | The guide says | threads | threadpool | threadpool-async | processes | process-pool |", summary, StringComparison.Ordinal);
        // summary.md: the answer first; the warnings and the cells folded in <details>.
        Assert.True(summary.IndexOf("## The answer", StringComparison.Ordinal) < summary.IndexOf("## The guide", StringComparison.Ordinal));
        Assert.Matches(@"## Warnings\n\n<details><summary>\d+ warnings \(\d+ failed", summary.Replace("\r", "", StringComparison.Ordinal));
        Assert.Matches(@"## All cells\n\n<details><summary>\d+ cells", summary.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(2, Regex.Matches(summary, "</details>").Count);
    }

    [Fact]
    public void Results_without_optional_fields_render_notes_instead_of_empty_charts()
    {
        var bare = new RunResults
        {
            Environment = new EnvironmentInfo { Os = "Linux", Cpu = "cpu", LogicalCores = 2, Runtime = ".NET 10", WorkerBuild = "jit", StartedUtc = DateTimeOffset.UnixEpoch },
            Profile = "quick",
            Job = new ProfileJob("Monitoring", 1, 1, 3, 1),
            Strategies = Fixtures.BuiltInStrategies,
            Cells =
            [
                new CellResult { Workload = "square", Category = "cpu-bound", Strategy = "threads", Workers = 1, Items = 8, Parameters = new Dictionary<string, string>(), Status = CellStatus.Ok, SamplesNs = [10e6, 11e6, 12e6], MedianNs = 11e6 },
                new CellResult { Workload = "square", Category = "cpu-bound", Strategy = "future-strategy", Workers = 2, Items = 8, Parameters = new Dictionary<string, string>(), Status = CellStatus.Failed, Error = "boom" },
            ],
        };
        var report = ReportWriter.Write(bare, Fixtures.OutputDirectory("bare"));
        var html = File.ReadAllText(report.IndexHtml);

        Assert.Contains("not drawn", html, StringComparison.Ordinal);
        Assert.Contains("—", html, StringComparison.Ordinal);
        Assert.Contains("future-strategy", html, StringComparison.Ordinal);
        Assert.Contains("no successful I/O-bound cells", html, StringComparison.Ordinal);
        // Each <img> in the page has its file: no broken panels.
        foreach (Match image in Regex.Matches(html, "<img src=\"([^\"]+)\""))
        {
            Assert.True(File.Exists(Path.Combine(report.Directory, image.Groups[1].Value)), image.Groups[1].Value);
        }
    }

    [Fact]
    public void Timeline_with_more_lanes_than_fit_merges_the_rest_into_one_lane_and_says_so()
    {
        // `threads` runs each item on a thread of its own: 64 items are 64 lanes, and the 32 that fit end
        // halfway through the batch. The other half must still be drawn, not left as an empty axis.
        const int items = 64, workers = 4;
        const double itemNs = 10e6;
        var trace = new CellTrace
        {
            Items = Enumerable.Range(0, items).Select(i => new ItemSpan(i, $"thread {100 + i}", i / workers * itemNs, (i / workers + 1) * itemNs)).ToList(),
        };
        var results = new RunResults
        {
            Environment = new EnvironmentInfo { Os = "Linux", Cpu = "cpu", LogicalCores = 2, Runtime = ".NET 10", WorkerBuild = "jit", StartedUtc = DateTimeOffset.UnixEpoch },
            Profile = "quick",
            Job = new ProfileJob("Monitoring", 1, 1, 3, 1),
            Strategies = Fixtures.BuiltInStrategies,
            Cells =
            [
                new CellResult
                {
                    Workload = "sleep", Category = "io-bound", Strategy = "threads", Workers = workers, Items = items,
                    Parameters = new Dictionary<string, string>(), Status = CellStatus.Ok,
                    SamplesNs = [160e6, 161e6, 162e6], MedianNs = 161e6, Trace = trace,
                },
            ],
        };
        var report = ReportWriter.Write(results, Fixtures.OutputDirectory("lanes"));
        var html = File.ReadAllText(report.IndexHtml);

        Assert.Contains(report.Charts, c => c.EndsWith("-timeline-threads.png", StringComparison.Ordinal));
        Assert.Contains($"The first {Charts.TimelineChart.MaxLanes} of {items} lanes are drawn apart; the items of the other {items - Charts.TimelineChart.MaxLanes} share the last lane.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Xss_fixture_renders_inert_in_html_markdown_and_csv()
    {
        var report = ReportWriter.Write(Fixtures.Xss, Fixtures.OutputDirectory("xss"));
        var html = File.ReadAllText(report.IndexHtml);
        // One script: the page's own, whose hash the Content-Security-Policy names.
        Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
        Assert.Contains("<script>" + Html.ReportScript.Source + "</script>", html, StringComparison.Ordinal);
        Assert.Contains($"script-src {Html.ReportScript.Hash};", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(report.Charts.Count, Regex.Matches(html, "<img ").Count);

        var summary = File.ReadAllLines(report.SummaryMarkdown);
        Assert.DoesNotContain(summary, line => line.Contains("<script", StringComparison.OrdinalIgnoreCase) || line.Contains("<img", StringComparison.OrdinalIgnoreCase));
        // Escaped pipes keep every row of a table at its header's column count.
        foreach (var table in Tables(summary))
        {
            var columns = UnescapedPipes(table[0]);
            Assert.All(table, row => Assert.Equal(columns, UnescapedPipes(row)));
        }

        var csv = File.ReadAllText(report.Csv);
        Assert.Equal(ResultsFile.Read(Fixtures.Xss).Cells.Count + 1, CountCsvRecords(csv));
    }

    private static IEnumerable<List<string>> Tables(IEnumerable<string> lines)
    {
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (line.StartsWith('|'))
            {
                current.Add(line);
            }
            else if (current.Count > 0)
            {
                yield return current;
                current = [];
            }
        }
    }

    private static int UnescapedPipes(string row) => Regex.Matches(row, @"(?<!\\)\|").Count;

    private static int CountCsvRecords(string csv)
    {
        var records = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (csv[i] == '\n' && !quoted)
            {
                records++;
            }
        }

        return records;
    }
}
