using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>
/// Issue 22 #4 and #7: a disk that fills up mid-run, and outputs that cannot be written at all. Each gets one
/// line naming the path and the cause and exit 2 (1 where cells were measured); nothing measured is lost,
/// no temporary file stays, and a resume finishes the run once there is space. Small tmpfs mounts (root).
/// </summary>
[Trait("Category", "Process")]
public sealed class DiskFullTests
{
    [Fact]
    public void DiskFillsMidRun_StopsWithOneLine_KeepsTheJournal_LeavesNoTemporaryFile_AndResumeFinishes()
    {
        using var disk = new SmallFileSystem("64m");
        var directory = Path.Combine(disk.Path, "run");
        string[] cells = ["--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=400", "--param", "sleep.items=4", "--strategies", "threads", "--workers", "1,2,4"];
        using (var run = BenchRun.Into(directory, (string?)null, cells))
        {
            Assert.True(run.WaitForLine("[1/3]", TimeSpan.FromMinutes(3)), run.Output + run.Errors);
            var filler = disk.Fill(); // the second cell is in flight: it cannot write its logs or its result

            var exit = run.WaitForExit(TimeSpan.FromMinutes(3));
            Assert.True(exit == 1, $"exit {exit}\n{run.Output}\n{run.Errors}");
            Assert.Contains("No space left on device", run.Output);
            Assert.Contains($"bench run --resume {directory}", run.Output);
            Assert.DoesNotContain("   at ", run.Output + run.Errors);
            Assert.Empty(Directory.GetFiles(directory, "*.tmp-*", SearchOption.AllDirectories));
            // The finished cell is journaled, whole; the one that failed for lack of space is not.
            var journaled = File.ReadAllLines(Path.Combine(directory, "journal.jsonl")).Where(l => l.Length > 0).ToList();
            var only = Assert.Single(journaled);
            Assert.Contains("\"workers\":1", only);
            File.Delete(filler);
        }

        var resumed = BenchCli.Run("run", "--resume", directory);
        Assert.True(resumed.Exit == 0, resumed.Stdout + resumed.Stderr);
        var results = ResultsFile.Read(Path.Combine(directory, "results.json"));
        Assert.Equal([1, 2, 4], results.Cells.Select(c => c.Workers));
        Assert.All(results.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
    }

    [Fact]
    public void ReportOntoAFullDisk_Fails_WithNoEmptyOrTruncatedImage()
    {
        using var disk = new SmallFileSystem("16m");
        var reportDirectory = Path.Combine(disk.Path, "report");
        Directory.CreateDirectory(reportDirectory);
        disk.Fill();

        var report = BenchCli.Run("report", FixturePath("results-real.json"), "--out", reportDirectory);

        Assert.True(report.Exit == 2, $"exit {report.Exit}: {report.Stdout}{report.Stderr}");
        var line = Assert.Single(report.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("No space left on device", line);
        Assert.Contains(reportDirectory, line);
        Assert.DoesNotContain(Directory.GetFiles(reportDirectory, "*.png"), f => new FileInfo(f).Length == 0);
        Assert.Empty(Directory.GetFiles(reportDirectory, "*.tmp-*"));
    }

    [Fact]
    public void UnwritableOutputs_AreOneLineAndExitCode2_NamingThePath()
    {
        using var readOnly = new SmallFileSystem("1m", readOnly: true);
        var existingFile = BenchCli.ScratchPath("a-file");
        File.WriteAllText(existingFile, "");
        var directory = BenchCli.ScratchPath("a-directory");
        Directory.CreateDirectory(directory);
        try
        {
            var cases = new (string[] Arguments, string Expected)[]
            {
                (["run", "--profile", "quick", "--workloads", "square", "--strategies", "threads", "--workers", "1", "--out", Path.Combine(readOnly.Path, "run")], "Read-only file system"),
                (["run", "--profile", "quick", "--workloads", "square", "--strategies", "threads", "--workers", "1", "--out", existingFile], "is a file, not a directory"),
                (["report", FixturePath("results-real.json"), "--out", Path.Combine(readOnly.Path, "report")], "Read-only file system"),
                (["report", FixturePath("results-real.json"), "--out", existingFile], "is a file, not a directory"),
                (["compare", FixturePath("results-real.json"), FixturePath("results-real.json"), "--output", directory], "is a directory"),
            };
            foreach (var (arguments, expected) in cases)
            {
                var outcome = BenchCli.Run(arguments);
                Assert.True(outcome.Exit == 2, $"{string.Join(' ', arguments)}: exit {outcome.Exit}: {outcome.Stdout}{outcome.Stderr}");
                var line = Assert.Single(outcome.Stderr.TrimEnd().Split('\n'));
                Assert.Contains(expected, line);
                Assert.DoesNotContain("internal error", line);
            }

            Assert.Empty(Directory.GetFileSystemEntries(directory));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(directory)!, Path.GetFileName(directory) + ".tmp-*"));
        }
        finally
        {
            BenchCli.DeleteQuietly(existingFile);
            BenchCli.DeleteQuietly(directory);
        }
    }

    /// <summary>A results file from tests/fixtures (a real run of this machine kind).</summary>
    public static string FixturePath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "tests", "fixtures", name);
    }
}
