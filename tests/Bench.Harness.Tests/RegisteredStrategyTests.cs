using Bench.Compare;
using Bench.Compare.Formats;
using Bench.Compare.Verdicts;
using Bench.Harness.Cell;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Planning;
using Bench.Harness.Statistics;
using Bench.Reports;
using Bench.Reports.Guide;
using Bench.Reports.Model;
using Bench.Results;
using Bench.Workloads;

namespace Bench.Harness.Tests;

/// <summary>
/// A strategy defined only in this test project, registered beside the built-in ones, is measured by the
/// real cell runner and then reported and compared by the unchanged reporter and bench compare: they
/// know it from its descriptor in results.json alone.
/// </summary>
[Trait("Category", "Process")]
public class RegisteredStrategyTests
{
    [Fact]
    public void A_strategy_defined_in_a_test_is_measured_reported_and_compared_from_its_descriptor()
    {
        var strategies = StrategyRegistry.BuiltIn.With(new FixedThreadsStrategy());
        var directory = Directory.CreateTempSubdirectory("bench-registered-strategy-").FullName;
        try
        {
            var path = Path.Combine(directory, "results.json");
            ResultsFile.Write(path, Measure(strategies, directory, [(FixedThreadsStrategy.Name, 1), (FixedThreadsStrategy.Name, 2), ("threads", 1), ("process-pool", 1)]));
            var results = ResultsFile.Read(path);
            Assert.All(results.Cells, c => Assert.True(c.Status == CellStatus.Ok, $"{c.Key}: {c.Error}"));
            var descriptor = results.DescribeStrategy(FixedThreadsStrategy.Name);
            Assert.Equal(new StrategyDescriptor
            {
                Name = FixedThreadsStrategy.Name, Family = StrategyFamily.Thread, Pooled = true, GuideSection = "1.3 Thread Pool",
                OsFloor = OsFloor.ThreadCreateJoin, DisplayOrder = StrategyRegistry.Strategies.Count,
            }, descriptor);

            // The report: a column and a colour of its own, placed by family (threads before processes),
            // then by display order (after the built-in thread strategies).
            // Kept beside the test binary for a look at the charts (artifacts/ is ignored by git).
            var reportDirectory = Path.Combine(AppContext.BaseDirectory, "test-output", "registered-strategy");
            if (Directory.Exists(reportDirectory))
            {
                Directory.Delete(reportDirectory, recursive: true);
            }

            var report = ReportWriter.Write(path, reportDirectory);
            var summary = File.ReadAllText(report.SummaryMarkdown);
            Assert.Contains($"| Feature | The guide says | threads | {FixedThreadsStrategy.Name} | process-pool |", summary, StringComparison.Ordinal);
            var data = new ReportData(results);
            Assert.True(data.Strategies.IsThreadFamily(FixedThreadsStrategy.Name));
            Assert.Equal(3, new[] { "threads", FixedThreadsStrategy.Name, "process-pool" }.Select(data.Strategies.Colour).Distinct().Count());
            Assert.Contains($"background:{data.Strategies.Colour(FixedThreadsStrategy.Name)}", File.ReadAllText(report.IndexHtml), StringComparison.Ordinal);
            var fixedCells = data.Cells.Where(c => c.Strategy == FixedThreadsStrategy.Name).ToList();
            Assert.NotNull(fixedCells.Single(c => c.Workers == 2).SpeedupVsW1);

            // The guide table compares its per-item cost with the floor its descriptor names, and says a
            // pool's threads exist before the batches, as for the built-in pools.
            var guide = new GuideTable(data);
            var overhead = guide.Rows.Single(r => r.Feature == GuideClaims.PerItemOverhead).Measured[FixedThreadsStrategy.Name].Text;
            Assert.Contains("the thread create+join floor", overhead, StringComparison.Ordinal);
            var startUp = guide.Rows.Single(r => r.Feature == GuideClaims.StartUp).Measured[FixedThreadsStrategy.Name].Text;
            Assert.Contains("per thread create+join (calibration); pool threads already exist", startUp, StringComparison.Ordinal);

            // bench compare matches its cells by key and names them.
            var comparison = Comparer.Compare(path, path, new ComparisonOptions());
            Assert.Equal(results.Cells.Count, comparison.Cells.Count);
            var text = new TextFormat().Render(comparison);
            Assert.Contains($"sleep {FixedThreadsStrategy.Name} W=2", text, StringComparison.Ordinal);
            Assert.DoesNotContain(comparison.Cells, c => c.Verdict is Verdict.New or Verdict.Missing);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Measures sleep cells with the real cell runner (BenchmarkDotNet in this process) and puts them in a run, as bench run does.</summary>
    private static RunResults Measure(StrategySet strategies, string directory, IReadOnlyList<(string Strategy, int Workers)> cells)
    {
        var profile = Profile.Quick;
        var workload = WorkloadRegistry.Get("sleep");
        var parameters = WorkloadRegistry.Resolve(workload, new Dictionary<string, string>(), profile.QuickSizes, out var error);
        Assert.Null(error);
        var measured = cells.Select(cell =>
        {
            var spec = new CellSpec
            {
                Workload = workload.Info.Name,
                Strategy = cell.Strategy,
                Workers = cell.Workers,
                Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
                Job = profile.Job,
                BudgetSeconds = profile.CellBudgetSeconds,
                BdnDirectory = Path.Combine(directory, "bdn", $"{cell.Strategy}-w{cell.Workers}"),
            };
            return CellRunner.Run(spec, StrategyHarness.Launcher, strategies: strategies);
        }).ToList();
        return new RunResults
        {
            Environment = new EnvironmentInfo { Os = "Linux", Cpu = "test", LogicalCores = Environment.ProcessorCount, Runtime = ".NET", WorkerBuild = StrategyHarness.Launcher.Build, StartedUtc = DateTimeOffset.UtcNow },
            Profile = profile.Name,
            Job = profile.Job,
            Calibration = new Calibration { ThreadCreateJoinNs = 60e3, ProcessSpawnWaitNs = 2e6, PipeRoundTripNs = 20e3, UncontendedLockNs = 20, TaskRunNs = 1e3 },
            Strategies = strategies.Descriptors,
            Cells = AcrossCells.Apply(measured),
        };
    }
}
