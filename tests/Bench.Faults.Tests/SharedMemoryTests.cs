using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>
/// Issue 22 #8: blur on a small /dev/shm (Docker's default is 64 MB). The test gives bench a private mount
/// namespace whose /dev/shm is a 48 MiB tmpfs (root, as CI runs), so the machine's own /dev/shm is untouched.
/// </summary>
[Trait("Category", "Process")]
public sealed class SharedMemoryTests
{
    // 8192×4096: source and destination need 64 MiB.
    private static readonly string[] BigBlur =
    [
        "run", "--profile", "quick", "--workloads", "blur", "--param", "blur.width=8192", "--param", "blur.height=4096",
        "--strategies", "process-pool", "--workers", "1",
    ];

    [Fact]
    public void TooSmallSharedMemory_FailsTheCellWithOneLineNamingNeedAndFreeSpace_AndLeavesNothingThere()
    {
        var directory = BenchCli.ScratchPath("shm");
        try
        {
            var (outcome, left) = RunWithSmallShm([.. BigBlur, "--out", directory], null);
            Assert.False(outcome.TimedOut, outcome.Stdout + outcome.Stderr);
            Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stdout}{outcome.Stderr}");
            var cell = Assert.Single(ResultsFile.Read(Path.Combine(directory, "results.json")).Cells);
            Assert.Equal(CellStatus.Failed, cell.Status);
            Assert.Contains("needs 64 MiB in /dev/shm, but only 48 MiB is free there", cell.Error);
            Assert.Contains("BENCH_SHM_DIR", cell.Error);
            Assert.DoesNotContain("   at ", cell.Error);
            Assert.Equal("", left); // nothing stays in /dev/shm
        }
        finally
        {
            BenchCli.DeleteQuietly(directory);
        }
    }

    [Fact]
    public void BenchShmDir_IsTheWayOut_AFileBackedMappingBesideTheRun()
    {
        var directory = BenchCli.ScratchPath("shm-dir");
        var shared = BenchCli.ScratchPath("shm-file-backed");
        Directory.CreateDirectory(shared);
        try
        {
            var (outcome, _) = RunWithSmallShm([.. BigBlur, "--out", directory], shared);
            Assert.True(outcome.Exit == 0, $"exit {outcome.Exit}: {outcome.Stdout}{outcome.Stderr}");
            Assert.Equal(CellStatus.Ok, Assert.Single(ResultsFile.Read(Path.Combine(directory, "results.json")).Cells).Status);
            Assert.Empty(Directory.GetFileSystemEntries(shared)); // removed when the cell ended
        }
        finally
        {
            BenchCli.DeleteQuietly(directory);
            BenchCli.DeleteQuietly(shared);
        }
    }

    /// <summary>Runs bench in a private mount namespace with a 48 MiB /dev/shm; returns its outcome and what /dev/shm holds after it.</summary>
    private static (BenchCli.Outcome Outcome, string Left) RunWithSmallShm(string[] arguments, string? sharedDirectory)
    {
        const string marker = "--- /dev/shm after the run:";
        var script = $"mount -t tmpfs -o size=48m tmpfs /dev/shm || exit 97; \"$0\" \"$@\"; code=$?; echo '{marker}'; ls -A /dev/shm; exit $code";
        var environment = sharedDirectory is null ? null : new Dictionary<string, string> { ["BENCH_SHM_DIR"] = sharedDirectory };
        var outcome = BenchCli.RunProcess("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, BenchRun.Executable, .. arguments],
            TimeSpan.FromMinutes(5), environment);
        Assert.True(outcome.Exit != 97, "cannot mount a tmpfs on /dev/shm in a private mount namespace (these tests need root, as CI has): " + outcome.Stderr);
        var at = outcome.Stdout.LastIndexOf(marker, StringComparison.Ordinal);
        return (outcome, at < 0 ? "(not listed)" : outcome.Stdout[(at + marker.Length)..].Trim());
    }
}
