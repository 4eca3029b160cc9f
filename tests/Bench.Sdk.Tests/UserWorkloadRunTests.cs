using Bench.Results;

namespace Bench.Sdk.Tests;

/// <summary>A user's workloads run like built-in ones: validated against their single-threaded reference under every strategy, in the cell process and in workers.</summary>
[Trait("Category", "Process")]
public sealed class UserWorkloadRunTests
{
    [Fact]
    public void WrongResultIsInvalid_ThrowingItemFailsItsCell_TheRunGoesOn_GoodCellsAreValid()
    {
        using var scratch = new Repository.Scratch();
        var source =
            Sources.ItemWorkload("good", className: "Good") + "\n" +
            // Counts its calls in a static: the reference's answers differ from any later batch's.
            Sources.ItemWorkload("wrong", "Next()", className: "Wrong") + "\n" +
            Sources.ItemWorkload("throws", "index == 2 ? throw new InvalidOperationException(\"bad item two\") : index", className: "Throws");
        var assembly = WorkloadCompiler.Compile(scratch.Path, "Mixed", source);
        var output = Path.Combine(scratch.Path, "run");

        var outcome = Repository.RunBench("run", "--assembly", assembly, "--profile", "quick", "--strategies", "threads,process-pool", "--workers", "2", "--out", output);

        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr}");
        var results = ResultsFile.Read(Path.Combine(output, "results.json"));
        Assert.Equal(6, results.Cells.Count);
        foreach (var cell in results.Cells)
        {
            switch (cell.Workload)
            {
                case "good":
                    Assert.True(cell.Status == CellStatus.Ok, $"{cell.Strategy}: {cell.Status} {cell.Error}");
                    Assert.True(cell.Validation!.Ok);
                    break;
                case "wrong":
                    Assert.True(cell.Status == CellStatus.Invalid, $"{cell.Strategy}: {cell.Status} {cell.Error}");
                    Assert.Empty(cell.SamplesNs);
                    break;
                case "throws":
                    Assert.True(cell.Status == CellStatus.Failed, $"{cell.Strategy}: {cell.Status}");
                    Assert.Contains("item 2", cell.Error);
                    Assert.Contains("InvalidOperationException: bad item two", cell.Error);
                    break;
                default:
                    Assert.Fail($"unexpected workload {cell.Workload}");
                    break;
            }
        }

        var environment = File.ReadAllText(Path.Combine(output, "environment.json"));
        Assert.Contains("\"workloadAssembly\"", environment);
        Assert.Contains("jit worker loading the assembly", environment);
    }

    [Fact]
    public void BrotliExample_ValidUnderEveryStrategy()
    {
        var assembly = Repository.Built("BrotliWork", "BrotliWork.dll");

        // The dry run validates one batch of every cell against the reference: every strategy × W 1, 2.
        var outcome = Repository.RunBench("run", "--assembly", assembly, "--profile", "quick", "--workers", "1,2", "--dry");

        Assert.True(outcome.Exit == 0, outcome.Stdout + outcome.Stderr);
        foreach (var strategy in new[] { "threads", "threadpool", "processes", "process-pool" })
        {
            Assert.Contains($"brotli {strategy} W=1: valid", outcome.Stdout);
            Assert.Contains($"brotli {strategy} W=2: valid", outcome.Stdout);
        }
    }

    [Fact]
    public void HttpExample_ValidUnderEveryStrategy_BlockingAndAsync()
    {
        var assembly = Repository.Built("HttpWork", "HttpWork.dll");

        var outcome = Repository.RunBench("run", "--assembly", assembly, "--profile", "quick", "--workers", "1,2", "--dry");

        Assert.True(outcome.Exit == 0, outcome.Stdout + outcome.Stderr);
        foreach (var strategy in new[] { "threads", "threadpool", "threadpool-async", "processes", "process-pool" })
        {
            Assert.Contains($"http-get {strategy} W=1: valid", outcome.Stdout);
            Assert.Contains($"http-get {strategy} W=2: valid", outcome.Stdout);
        }
    }
}
