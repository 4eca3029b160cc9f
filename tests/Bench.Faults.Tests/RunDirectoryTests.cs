using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>
/// Issue 22 #1, #3, #5: one writer per run directory; a fresh run never clobbers an earlier one nor a user's
/// files; a resume continues its recorded plan and refuses options that ask for another.
/// </summary>
[Trait("Category", "Process")]
public sealed class RunDirectoryTests
{
    private static readonly string[] Quick = ["--profile", "quick", "--workloads", "square", "--strategies", "threads", "--workers", "1,2"];

    [Fact]
    public void SecondRunIntoAHeldDirectory_IsRefusedNamingThePid_AndTheFirstLosesNothing()
    {
        // The first run's second cell waits for seconds: the others arrive while it holds the directory.
        using var first = new BenchRun(null, "--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=1500",
            "--param", "sleep.items=2", "--strategies", "threads", "--workers", "1,2");
        Assert.True(first.WaitForLine("[1/2]", TimeSpan.FromMinutes(3)), first.Output + first.Errors);

        var second = BenchCli.Run(["run", .. Quick, "--out", first.OutDirectory]);
        var resumed = BenchCli.Run("run", "--resume", first.OutDirectory);

        foreach (var refused in new[] { second, resumed })
        {
            Assert.True(refused.Exit == 2, $"exit {refused.Exit}: {refused.Stdout}{refused.Stderr}");
            Assert.Contains($"in use by another bench run (pid {first.Pid})", refused.Stderr);
            Assert.Single(refused.Stderr.TrimEnd().Split('\n'));
        }

        Assert.Equal(0, first.WaitForExit(TimeSpan.FromMinutes(5)));
        var cells = first.Results().Cells;
        Assert.Equal(2, cells.Count);
        Assert.All(cells, c => Assert.Equal("sleep", c.Workload));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(first.OutDirectory, "journal.jsonl")).Count(l => l.Length > 0));
    }

    [Fact]
    public void FreshRunIntoAnEarlierRun_IsRefused_AndAUsersFilesAreNeverDeleted()
    {
        var directory = BenchCli.ScratchPath("clobber");
        try
        {
            // A user's folder that happens to hold cells/ and sequential/: a fresh run must not delete them.
            var userFiles = new[] { Path.Combine(directory, "cells", "mine.txt"), Path.Combine(directory, "sequential", "mine.txt") };
            foreach (var file in userFiles)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, "the user's");
            }

            var intoUsers = BenchCli.Run(["run", .. Quick, "--out", directory]);
            Assert.True(intoUsers.Exit == 2, $"exit {intoUsers.Exit}: {intoUsers.Stdout}{intoUsers.Stderr}");
            Assert.Contains("already holds a run", intoUsers.Stderr);
            Assert.All(userFiles, f => Assert.Equal("the user's", File.ReadAllText(f)));

            // An earlier run, then a second fresh run into it: refused, the first run's journal unchanged.
            var runDirectory = Path.Combine(directory, "run");
            var earlier = BenchCli.Run(["run", .. Quick, "--out", runDirectory]);
            Assert.True(earlier.Exit == 0, earlier.Stdout + earlier.Stderr);
            var journal = File.ReadAllText(Path.Combine(runDirectory, "journal.jsonl"));
            var again = BenchCli.Run(["run", .. Quick, "--out", runDirectory]);
            Assert.Equal(2, again.Exit);
            Assert.Contains($"--resume {runDirectory} continues it", again.Stderr);
            Assert.Equal(journal, File.ReadAllText(Path.Combine(runDirectory, "journal.jsonl")));
            Assert.Equal(2, ResultsFile.Read(Path.Combine(runDirectory, "results.json")).Cells.Count);

            // bench report into a folder with a user's PNG named like a chart: only the report's own files go.
            var reportDirectory = Path.Combine(directory, "report");
            Directory.CreateDirectory(reportDirectory);
            var mine = Path.Combine(reportDirectory, "w1-mine.png");
            File.WriteAllText(mine, "the user's");
            var report = BenchCli.Run("report", Path.Combine(runDirectory, "results.json"), "--out", reportDirectory);
            Assert.True(report.Exit == 0, report.Stderr);
            var rerendered = BenchCli.Run("report", Path.Combine(runDirectory, "results.json"), "--out", reportDirectory);
            Assert.True(rerendered.Exit == 0, rerendered.Stderr);
            Assert.Equal("the user's", File.ReadAllText(mine));
        }
        finally
        {
            BenchCli.DeleteQuietly(directory);
        }
    }

    [Fact]
    public void Resume_ContinuesItsRecordedPlan_AndRefusesOptionsThatDiffer()
    {
        var directory = BenchCli.ScratchPath("plan");
        try
        {
            var first = BenchCli.Run(["run", .. Quick, "--out", directory]);
            Assert.True(first.Exit == 0, first.Stdout + first.Stderr);
            // As if killed before its last cell: its journal loses the last line.
            var journalPath = Path.Combine(directory, "journal.jsonl");
            var lines = File.ReadAllLines(journalPath).Where(l => l.Length > 0).ToList();
            File.WriteAllLines(journalPath, lines.Take(1));

            foreach (var (option, value) in new[] { ("--workloads", "square,sleep"), ("--workers", "1"), ("--profile", "default"), ("--param", "square.items=7") })
            {
                var refused = BenchCli.Run("run", "--resume", directory, option, value);
                Assert.True(refused.Exit == 2, $"{option} {value}: exit {refused.Exit}: {refused.Stdout}{refused.Stderr}");
                Assert.Contains($"{option} ", refused.Stderr);
                Assert.Contains("differs from the run's", refused.Stderr);
            }

            var elsewhere = BenchCli.Run("run", "--resume", directory, "--out", directory + "-other");
            Assert.Equal(2, elsewhere.Exit);
            Assert.Contains("names another directory", elsewhere.Stderr);
            Assert.False(Directory.Exists(directory + "-other"));

            // Alone (or with the same options), the resume measures just the missing cell, as planned.
            var resumed = BenchCli.Run("run", "--resume", directory, "--workers", "2,1");
            Assert.True(resumed.Exit == 0, resumed.Stdout + resumed.Stderr);
            Assert.Contains("already in the journal, skipped", resumed.Stdout);
            var results = ResultsFile.Read(Path.Combine(directory, "results.json"));
            Assert.Equal("quick", results.Profile);
            Assert.Equal([1, 2], results.Cells.Select(c => c.Workers).Order());
            Assert.All(results.Cells, c => Assert.Equal(("square", "threads"), (c.Workload, c.Strategy)));
        }
        finally
        {
            BenchCli.DeleteQuietly(directory);
            BenchCli.DeleteQuietly(directory + "-other");
        }
    }
}
