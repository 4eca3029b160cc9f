using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Compare.Inputs;
using Bench.Compare.Verdicts;
using Xunit;

namespace Bench.Compare.Tests;

public class BdnInputTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bdn-report-full.json");

    [Fact]
    public void A_real_BenchmarkDotNet_full_report_is_read()
    {
        var input = InputReader.Read(Fixture);
        Assert.Equal(BdnFullJsonInput.Kind, input.Kind);
        Assert.Equal("AMD EPYC", input.Environment.Cpu);
        Assert.Equal(2, input.Environment.LogicalCores);
        Assert.Null(input.Environment.WorkerBuild);
        var cell = Assert.Single(input.Cells);
        Assert.Equal("Bench.Harness.Measurement.CellBenchmark.Batch", cell.Name);
        Assert.True(cell.Ok);

        // The samples are BDN's Workload/Result iterations, per operation.
        using var document = JsonDocument.Parse(File.ReadAllText(Fixture));
        var expected = document.RootElement.GetProperty("Benchmarks")[0].GetProperty("Measurements").EnumerateArray()
            .Where(m => m.GetProperty("IterationStage").GetString() == "Result")
            .Select(m => m.GetProperty("Nanoseconds").GetDouble() / m.GetProperty("Operations").GetDouble())
            .ToList();
        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, cell.SamplesNs);
    }

    [Fact]
    public void A_BDN_suite_gates_through_the_command()
    {
        using var temp = new TempDirectory();
        var baseline = temp.File("base-report-full.json");
        var slower = temp.File("slow-report-full.json");
        File.WriteAllText(baseline, Suite(1.0));
        File.WriteAllText(slower, Suite(1.3));

        var output = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["compare", baseline, baseline], output, new StringWriter()));
        Assert.Equal(1, Cli.Cli.Run(["compare", baseline, slower], output = new StringWriter(), new StringWriter()));
        Assert.Contains("My.Benchmarks.Parse [N=100]", output.ToString());
    }

    [Fact]
    public void Parameters_distinguish_cases_and_a_case_without_measurements_is_failed()
    {
        var input = InputReader.Parse(Suite(1.0, withBroken: true), "suite.json");
        Assert.Equal(3, input.Cells.Count);
        Assert.Equal(3, input.Cells.Select(c => c.Key).Distinct().Count());
        var broken = input.Cells.Single(c => c.Name.Contains("N=0", StringComparison.Ordinal));
        Assert.False(broken.Ok);

        var report = Comparer.Compare(input, InputReader.Parse(Suite(1.0, withBroken: true), "suite2.json"), new ComparisonOptions());
        Assert.Equal(Verdict.Failed, report.Cells.Single(c => c.Name.Contains("N=0", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void A_BDN_report_without_full_names_is_bad_input()
    {
        var text = """{"HostEnvironmentInfo": {}, "Benchmarks": [{"Method": "X"}]}""";
        var e = Assert.Throws<Bench.Results.ResultsFileException>(() => InputReader.Parse(text, "x.json"));
        Assert.Contains("FullName", e.Message);
    }

    /// <summary>A two-case BDN full report (N=100, N=1000), times scaled by <paramref name="scale"/>.</summary>
    private static string Suite(double scale, bool withBroken = false)
    {
        var benchmarks = new JsonArray();
        foreach (var n in new[] { 100, 1000 })
        {
            var measurements = new JsonArray();
            var values = TestRuns.Samples(n * 1000.0 * scale, n: 15, seed: n);
            for (var i = 0; i < values.Length; i++)
            {
                foreach (var stage in new[] { "Actual", "Result" })
                {
                    measurements.Add(new JsonObject
                    {
                        ["IterationMode"] = "Workload",
                        ["IterationStage"] = stage,
                        ["LaunchIndex"] = 1,
                        ["IterationIndex"] = i + 1,
                        ["Operations"] = 4,
                        ["Nanoseconds"] = values[i] * 4,
                    });
                }
            }

            benchmarks.Add(Case($"N={n}", measurements));
        }

        if (withBroken)
        {
            benchmarks.Add(Case("N=0", []));
        }

        var root = new JsonObject
        {
            ["Title"] = "My.Benchmarks-20250101",
            ["HostEnvironmentInfo"] = new JsonObject { ["ProcessorName"] = "Test CPU", ["LogicalCoreCount"] = 8, ["OsVersion"] = "Linux", ["RuntimeVersion"] = ".NET 10.0.0" },
            ["Benchmarks"] = benchmarks,
        };
        return root.ToJsonString();
    }

    private static JsonObject Case(string parameters, JsonArray measurements) => new()
    {
        ["DisplayInfo"] = $"Benchmarks.Parse: DefaultJob [{parameters}]",
        ["Namespace"] = "My",
        ["Type"] = "Benchmarks",
        ["Method"] = "Parse",
        ["FullName"] = "My.Benchmarks.Parse",
        ["Parameters"] = parameters,
        ["Measurements"] = measurements,
    };
}
