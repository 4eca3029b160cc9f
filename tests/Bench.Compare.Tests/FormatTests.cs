using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bench.Compare.Formats;
using Bench.Compare.Verdicts;
using Xunit;

namespace Bench.Compare.Tests;

public class FormatTests
{
    // Pipes, Markdown emphasis/links/code, XML specials, quotes and a newline.
    private const string CraftedWorkload = "evil|name<&>\"'`*_[x](y)";
    private static readonly Dictionary<string, string> CraftedParameters = new() { ["a|b"] = "<c>&d\nnext" };

    private static ComparisonReport Report(bool differentEnvironment = false)
    {
        var baseline = TestRuns.Run(
        [
            TestRuns.Cell(CraftedWorkload, "threads", 2, TestRuns.Samples(100e6), parameters: CraftedParameters),
            TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6)),
            TestRuns.Cell("square", "threads", 2, TestRuns.Samples(10e6)),
            TestRuns.Cell("sleep", "threads", 1, TestRuns.Samples(10e6, n: 3)),
        ]);
        var current = TestRuns.Run(
        [
            TestRuns.Cell(CraftedWorkload, "threads", 2, TestRuns.Samples(130e6, seed: 2), parameters: CraftedParameters),
            TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6)),
            TestRuns.Cell("square", "threads", 2, TestRuns.Samples(11e6, seed: 4)),
            TestRuns.Cell("sleep", "threads", 1, TestRuns.Samples(10e6, n: 3)),
        ], cpu: differentEnvironment ? "Other <CPU> | x" : "Test CPU");
        return Comparer.Compare(TestRuns.Input(baseline, "base|line.json"), TestRuns.Input(current, "cur<rent>.json"), new ComparisonOptions());
    }

    private static string CraftedName(ComparisonReport report) => report.Cells.Single(c => c.Group == CraftedWorkload).Name;

    [Fact]
    public void The_report_has_the_expected_verdicts()
    {
        var report = Report();
        Assert.Equal(Verdict.Slower, report.Cells.Single(c => c.Group == CraftedWorkload).Verdict);
        Assert.Equal(Verdict.Slower, report.Cells.Single(c => c.Name.StartsWith("square threads W=2", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Unknown, report.Cells.Single(c => c.Group == "sleep").Verdict);
    }

    [Fact]
    public void Text_lists_worst_first_with_names_on_one_line()
    {
        var text = new TextFormat().Render(Report());
        var lines = text.Split('\n');
        var craftedRow = Array.FindIndex(lines, l => l.Contains("evil|name", StringComparison.Ordinal));
        var squareRow = Array.FindIndex(lines, l => l.Contains("square threads W=2", StringComparison.Ordinal));
        var noiseRow = Array.FindIndex(lines, l => l.StartsWith("noise", StringComparison.Ordinal));
        Assert.True(craftedRow >= 0 && craftedRow < squareRow && squareRow < noiseRow, text);
        Assert.Contains("<c>&d next", lines[craftedRow]); // the newline became a space
        Assert.Contains("geometric mean of ratios", text);
        Assert.Contains("FAIL:", text);
    }

    [Fact]
    public void Markdown_escapes_pipes_and_markup_and_keeps_every_row_at_eight_columns()
    {
        var markdown = new MarkdownFormat().Render(Report());
        var rows = markdown.Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(2 + 4, rows.Count); // header, separator, four cells
        foreach (var row in rows)
        {
            // A pipe not preceded by a backslash is a column separator: 9 per row of 8 columns.
            Assert.Equal(9, Regex.Matches(row, @"(?<!\\)\|").Count);
        }

        var crafted = rows.Single(r => r.Contains("evil", StringComparison.Ordinal));
        Assert.Contains(@"evil\|name&lt;&amp;&gt;&quot;'\`\*\_\[x\](y)", crafted);
        Assert.Contains(@"a\|b=&lt;c&gt;&amp;d next", crafted);
        Assert.Contains("**slower**", crafted);
        Assert.Contains("**Geometric mean of ratios:", markdown);
        Assert.True(markdown.IndexOf("evil", StringComparison.Ordinal) < markdown.IndexOf("square threads W=2", StringComparison.Ordinal), "worst regression first");
    }

    [Fact]
    public void Json_round_trips_crafted_names_and_verdicts()
    {
        var report = Report();
        using var document = JsonDocument.Parse(new JsonFormat().Render(report));
        var root = document.RootElement;
        Assert.Equal("bench-compare/1", root.GetProperty("schema").GetString());
        Assert.Equal("environmentDifferences", root.EnumerateObject().ElementAt(1).Name);
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        var crafted = cells.Single(c => c.GetProperty("group").GetString() == CraftedWorkload);
        Assert.Equal(CraftedName(report), crafted.GetProperty("name").GetString());
        Assert.Equal("slower", crafted.GetProperty("verdict").GetString());
        Assert.True(crafted.GetProperty("fails").GetBoolean());
        Assert.True(crafted.GetProperty("statistics").GetProperty("ratio").GetDouble() > 1.2);
        Assert.Equal(2, root.GetProperty("counts").GetProperty("slower").GetInt32());
    }

    [Fact]
    public void JUnit_is_well_formed_with_a_case_per_cell_and_failures_for_regressions()
    {
        var report = Report();
        var xml = XDocument.Parse(new JUnitFormat().Render(report));
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(4, cases.Count);
        var crafted = cases.Single(c => c.Attribute("classname")!.Value == "bench." + CraftedWorkload);
        // The crafted name survives exactly: XmlWriter escapes the specials, and the newline as &#xA;.
        Assert.Equal(CraftedName(report), crafted.Attribute("name")!.Value);
        Assert.Equal("slower", crafted.Element("failure")!.Attribute("type")!.Value);
        Assert.Equal(2, xml.Descendants("failure").Count());
        Assert.Single(xml.Descendants("skipped"));
        Assert.Equal("2", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public void Every_format_states_environment_differences_at_the_top()
    {
        var report = Report(differentEnvironment: true);
        Assert.StartsWith("WARNING: baseline and current ran in different environments", new TextFormat().Render(report));
        Assert.StartsWith("> [!WARNING]", new MarkdownFormat().Render(report));
        Assert.Contains("Other &lt;CPU&gt; \\| x", new MarkdownFormat().Render(report));

        using var json = JsonDocument.Parse(new JsonFormat().Render(report));
        var difference = json.RootElement.GetProperty("environmentDifferences")[0];
        Assert.Equal("cpu", difference.GetProperty("field").GetString());
        Assert.Equal("Other <CPU> | x", difference.GetProperty("current").GetString());

        var xml = XDocument.Parse(new JUnitFormat().Render(report));
        var first = xml.Nodes().First();
        Assert.IsType<XComment>(first);
        Assert.Contains("Other <CPU> | x", ((XComment)first).Value);
        Assert.Contains(xml.Descendants("property"), p => p.Attribute("name")!.Value == "environment.differs.cpu");
    }

    [Fact]
    public void Same_environment_has_no_warning_anywhere()
    {
        var report = Report();
        Assert.DoesNotContain("WARNING", new TextFormat().Render(report));
        Assert.DoesNotContain("[!WARNING]", new MarkdownFormat().Render(report));
        Assert.IsNotType<XComment>(XDocument.Parse(new JUnitFormat().Render(report)).Nodes().First());
    }
}
