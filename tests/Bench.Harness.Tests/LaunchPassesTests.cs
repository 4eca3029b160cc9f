using Bench.Harness.Run;
using Bench.Results;

namespace Bench.Harness.Tests;

/// <summary>
/// <c>bench run --launches N</c>: launch k of every cell runs in pass k over the matrix (so a cell's
/// launches are a pass apart), each launch is journaled as it ends, and a resumed run measures only the
/// launches that are missing.
/// </summary>
[Trait("Category", "Process")]
public class LaunchPassesTests
{
    private static readonly string[] Matrix =
    [
        "run", "--profile", "quick", "--workloads", "sleep", "--strategies", "threads,threadpool", "--workers", "1",
        "--param", "sleep.items=2", "--param", "sleep.ms=1", "--launches", "2",
    ];

    [Fact]
    public void LaunchesRunInPassesAndAResumeMeasuresOnlyTheMissingOnes()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-launches-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, stdout) = Run([.. Matrix, "--out", outDirectory]);
            Assert.True(exitCode == 0, $"run exited {exitCode}: {stdout}");

            // Pass order: both cells' first launches before either cell's second.
            var order = stdout.Split('\n').Where(l => l.StartsWith('[')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
            Assert.Equal(
                ["[1/4] sleep threads W=1 (launch 1/2)", "[2/4] sleep threadpool W=1 (launch 1/2)", "[3/4] sleep threads W=1 (launch 2/2)", "[4/4] sleep threadpool W=1 (launch 2/2)"],
                order);

            var results = ResultsFile.Read(Path.Combine(outDirectory, "results.json"));
            Assert.Equal(2, results.Job.LaunchCount);
            foreach (var cell in results.Cells)
            {
                Assert.Equal(CellStatus.Ok, cell.Status);
                Assert.Equal(2, cell.LaunchSampleCounts!.Count);
                Assert.Equal(cell.SamplesNs.Count, cell.LaunchSampleCounts.Sum());
            }

            // The first pass's launches are in launches.jsonl; as if killed before pass 2 finished, drop the
            // finished cells and resume: only the second launches run again.
            var (launches, _) = new Journal(Path.Combine(outDirectory, "launches.jsonl")).LoadAll();
            Assert.Equal(2, launches.Count);
            File.WriteAllText(Path.Combine(outDirectory, "journal.jsonl"), "");
            var (resumeExit, resumeOut) = Run([.. Matrix, "--resume", outDirectory]);
            Assert.True(resumeExit == 0, $"resume exited {resumeExit}: {resumeOut}");
            Assert.Equal(2, resumeOut.Split('\n').Count(l => l.Contains("launch already journaled, skipped", StringComparison.Ordinal)));

            var resumed = ResultsFile.Read(Path.Combine(outDirectory, "results.json"));
            foreach (var cell in resumed.Cells)
            {
                var first = launches.Single(l => l.Key == cell.Key);
                Assert.Equal(first.SamplesNs, cell.SamplesNs.Take(first.SamplesNs.Count)); // launch 1 kept as journaled
                Assert.Equal(2, cell.LaunchSampleCounts!.Count);
            }
        }
        finally
        {
            if (Directory.Exists(outDirectory))
            {
                Directory.Delete(outDirectory, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    public void OutOfRangeLaunchCountIsBadInput(string count)
    {
        var (exitCode, stdout) = Run(["run", "--workloads", "sleep", "--launches", count, "--out", Path.Combine(Path.GetTempPath(), "bench-never-" + Guid.NewGuid().ToString("N"))]);
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("   at ", stdout);
    }

    private static (int ExitCode, string Output) Run(string[] arguments)
    {
        var (code, stdout, stderr) = EndToEndTests.RunBench(arguments);
        return (code, stdout + stderr);
    }
}
