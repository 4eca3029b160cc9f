using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Bench.Compare.Formats;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>
/// bench compare's JUnit output against Jenkins' junit-10.xsd (kept in Schemas/), and several formats
/// written by one invocation (<c>--output FORMAT=FILE</c>, repeatable).
/// </summary>
public class JUnitSchemaTests
{
    private static ComparisonReportFixture Fixture => new();

    private static IReadOnlyList<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit-10.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    [Fact]
    public void The_schema_rejects_what_jenkins_rejects()
    {
        // The check can fail: skipped on testsuites is what made the earlier output invalid.
        var problems = Validate("<testsuites skipped=\"1\"><testsuite name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" /></testsuites>");
        Assert.Contains(problems, p => p.Contains("skipped", StringComparison.Ordinal));
        Assert.NotEmpty(Validate("<testsuites><testsuite name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" time=\"1e-3\" /></testsuites>"));
    }

    [Fact]
    public void JUnit_with_failures_skips_environment_differences_and_crafted_names_is_valid()
    {
        var xml = new JUnitFormat().Render(Fixture.Report(differentEnvironment: true));
        Assert.Empty(Validate(xml));
        var document = XDocument.Parse(xml);
        Assert.NotEmpty(document.Descendants("failure"));
        Assert.NotEmpty(document.Descendants("skipped"));
    }

    [Fact]
    public void Every_case_and_the_suite_carry_a_time_that_adds_up()
    {
        var report = Fixture.Report();
        var document = XDocument.Parse(new JUnitFormat().Render(report));
        var cases = document.Descendants("testcase").Select(c => double.Parse(c.Attribute("time")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(report.Cells.Count, cases.Count);
        Assert.All(cases, t => Assert.True(t > 0));
        var suite = double.Parse(document.Descendants("testsuite").Single().Attribute("time")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(cases.Sum(), suite, 2);
        // 15 samples of 100 ms is 1.5 s for the crafted cell's current side (130 ms: 1.95 s).
        Assert.Contains(cases, t => Math.Abs(t - 1.95) < 0.1);
    }

    [Fact]
    public void One_compare_writes_several_formats()
    {
        using var temp = new TempDirectory();
        var (baseline, current) = Fixture.Files(temp);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Cli.Run(
            ["compare", baseline, current, "--output", "markdown=" + temp.File("summary.md"), "--output", "junit=" + temp.File("junit.xml"),
             "--output", "json=" + temp.File("compare.json"), "--output", temp.File("plain.txt")],
            output, error);
        Assert.Equal(1, code);
        Assert.Single(output.ToString().TrimEnd().Split('\n'));
        Assert.Contains("markdown report in", output.ToString());
        Assert.Contains("junit report in", output.ToString());
        Assert.Contains("## bench compare: ❌ 1 cell failed the gate", File.ReadAllText(temp.File("summary.md")));
        Assert.Empty(Validate(File.ReadAllText(temp.File("junit.xml"))));
        using (var json = JsonDocument.Parse(File.ReadAllText(temp.File("compare.json"))))
        {
            Assert.Equal("bench-compare/1", json.RootElement.GetProperty("schema").GetString());
        }

        Assert.Contains("FAIL:", File.ReadAllText(temp.File("plain.txt"))); // no FORMAT=: --format's (text)
    }

    [Theory]
    [InlineData("junit=", "names no file")]
    [InlineData("twice", "is given twice")]
    public void Bad_outputs_are_one_line_and_exit_2(string value, string expected)
    {
        using var temp = new TempDirectory();
        var (baseline, current) = Fixture.Files(temp);
        string[] outputs = value == "twice" ? ["--output", "junit=" + temp.File("a.xml"), "--output", "json=" + temp.File("a.xml")] : ["--output", value];
        var error = new StringWriter();
        Assert.Equal(2, Cli.Cli.Run(["compare", baseline, current, .. outputs], new StringWriter(), error));
        Assert.Contains(expected, error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    /// <summary>Two runs where one cell is slower, one changed within noise and one has too few samples to decide.</summary>
    private sealed class ComparisonReportFixture
    {
        private static (Results.RunResults Baseline, Results.RunResults Current) Runs(bool differentEnvironment)
        {
            var baseline = TestRuns.Run(
            [
                TestRuns.Cell("evil<&>\"name", "threads", 2, TestRuns.Samples(100e6), parameters: new Dictionary<string, string> { ["a|b"] = "<c>&d\nnext" }),
                TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6)),
                TestRuns.Cell("sleep", "threads", 1, TestRuns.Samples(10e6, n: 3)),
            ]);
            var current = TestRuns.Run(
            [
                TestRuns.Cell("evil<&>\"name", "threads", 2, TestRuns.Samples(130e6, seed: 2), parameters: new Dictionary<string, string> { ["a|b"] = "<c>&d\nnext" }),
                TestRuns.Cell("square", "threads", 1, TestRuns.Samples(10e6)),
                TestRuns.Cell("sleep", "threads", 1, TestRuns.Samples(10e6, n: 3)),
            ], cpu: differentEnvironment ? "Other <CPU> -- x" : "Test CPU");
            return (baseline, current);
        }

        public Verdicts.ComparisonReport Report(bool differentEnvironment = false)
        {
            var (baseline, current) = Runs(differentEnvironment);
            return Comparer.Compare(TestRuns.Input(baseline, "base.json"), TestRuns.Input(current, "current.json"), new ComparisonOptions());
        }

        public (string Baseline, string Current) Files(TempDirectory temp)
        {
            var (baseline, current) = Runs(false);
            return (TestRuns.Write(temp.Path, "a.json", baseline), TestRuns.Write(temp.Path, "b.json", current));
        }
    }
}
