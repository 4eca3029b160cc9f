using System.Diagnostics;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Measurement;
using Bench.Harness.Planning;
using Bench.Results;

namespace Bench.Harness.Tests;

/// <summary>Runs the real `bench` executable as a user would and checks what it wrote.</summary>
[Trait("Category", "Process")]
public class EndToEndTests
{
    [Fact]
    public void QuickRunOfSquareAndSleepWritesValidatedResultsForEveryCell()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, stdout, stderr) = RunBench("run", "--profile", "quick", "--workloads", "square,sleep", "--workers", "1,2", "--out", outDirectory);
            Assert.True(code == 0, $"bench run exited {code}: {stderr}\n{stdout}");

            // The last line printed is the path of results.json.
            var lastLine = stdout.TrimEnd().Split('\n')[^1].Trim();
            Assert.Equal(Path.Combine(outDirectory, "results.json"), lastLine);
            var results = ResultsFile.Read(lastLine);

            Assert.Equal(RunResults.SchemaId, results.Schema);
            // Every registered strategy is described, so that readers never need to know strategy names.
            Assert.Equal(StrategyRegistry.BuiltIn.Descriptors, results.Strategies);
            Assert.All(results.Cells, c => Assert.Equal(c.Workload == "sleep" ? Categories.IoBound : Categories.Overhead, c.Category));
            Assert.Equal("quick", results.Profile);
            Assert.Contains(results.Environment.WorkerBuild, new[] { "jit", "nativeaot" });
            Assert.True(results.Environment.LogicalCores >= 1);

            // square: 4 blocking strategies; sleep: those plus threadpool-async; each at W = 1, 2.
            var expected = new[] { "threads", "threadpool", "processes", "process-pool" }
                .SelectMany(s => new[] { ("square", s), ("sleep", s) })
                .Append(("sleep", "threadpool-async"))
                .SelectMany(ws => new[] { (ws.Item1, ws.Item2, 1), (ws.Item1, ws.Item2, 2) })
                .ToHashSet();
            var actual = results.Cells.Select(c => (c.Workload, c.Strategy, c.Workers)).ToHashSet();
            Assert.Equal(expected.Count, results.Cells.Count);
            Assert.True(expected.SetEquals(actual));

            foreach (var cell in results.Cells)
            {
                Assert.True(cell.Status == CellStatus.Ok, $"{cell.Key}: {cell.Status} {cell.Error}");
                Assert.True(cell.Validation!.Ok);
                Assert.Equal(cell.Validation.Expected, cell.Validation.Actual);
                // The quick profile's time budget may cut slow cells' iterations, never under the minimum.
                Assert.InRange(cell.SamplesNs.Count, Measurement.IterationBudget.MinimumIterations, results.Job.IterationCount);
                Assert.Equal(cell.SamplesNs.Count, cell.Statistics!.SampleCount);
                Assert.All(cell.SamplesNs, s => Assert.True(s > 0));
                if (cell.Workload == "sleep")
                {
                    // No batch of waits can beat ⌈n/W⌉·D: a median under the ideal would be a lie.
                    Assert.NotNull(cell.Derived?.IdealNs);
                    Assert.True(cell.MedianNs >= cell.Derived!.IdealNs, $"{cell.Key}: median {cell.MedianNs} below the ideal {cell.Derived.IdealNs}");
                }
            }

            Assert.True(File.Exists(Path.Combine(outDirectory, "journal.jsonl")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDirectory, "bdn"), "*-report-full.json", SearchOption.AllDirectories));
        }
        finally
        {
            if (Directory.Exists(outDirectory))
            {
                Directory.Delete(outDirectory, recursive: true);
            }
        }
    }

    internal static (int Code, string Stdout, string Stderr) RunBench(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bench run took more than 5 minutes");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }
}
