using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bench.Faults.Tests;

/// <summary>Issue 22 #9: nothing a run's processes made stays behind when processes are killed, and inputs that would do nothing are refused.</summary>
[Trait("Category", "Process")]
public sealed partial class LeftoverTests
{
    [GeneratedRegex(@"^(dotnet-diagnostic-\d+-\d+-socket|clr-debug-pipe-\d+-(in|out))$")]
    private static partial Regex DiagnosticEndpoint();

    [Fact]
    public void KilledWorkersAndAKilledRun_LeaveNoDiagnosticEndpoints_AndTheNextRunSweepsTheRunsOwn()
    {
        // A private temp directory: the runtime puts its endpoints in $TMPDIR, and other processes' stay out of the count.
        var temp = BenchCli.ScratchPath("tmpdir");
        Directory.CreateDirectory(temp);
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temp };
        string[] pool = ["run", "--profile", "quick", "--workloads", "square", "--strategies", "process-pool,processes", "--workers", "2"];
        try
        {
            // Workers killed (SIGKILL, as the OOM killer does) and replaced, in both process strategies.
            var killed = BenchCli.Run(TimeSpan.FromMinutes(5), new Dictionary<string, string>(environment) { ["BENCH_FAULT"] = "kill-worker@item:1" },
                [.. pool, "--out", Path.Combine(temp, "run1")]);
            Assert.True(killed.Exit == 0, killed.Stdout + killed.Stderr);
            Assert.Empty(Endpoints(temp));

            // The run itself killed outright: its own endpoint stays (nothing runs in a SIGKILLed process) …
            using (var run = BenchRun.Into(Path.Combine(temp, "run2"), environment, "--profile", "quick", "--workloads", "sleep", "--param", "sleep.ms=2000",
                       "--strategies", "process-pool", "--workers", "2"))
            {
                Assert.True(WaitFor(() => Endpoints(temp).Count > 0, TimeSpan.FromMinutes(2)), "the run opened no endpoint in TMPDIR");
            }

            // … and the next run sweeps it (disposing the BenchRun killed its tree with SIGKILL).
            var next = BenchCli.Run(TimeSpan.FromMinutes(5), environment, [.. pool, "--out", Path.Combine(temp, "run3")]);
            Assert.True(next.Exit == 0, next.Stdout + next.Stderr);
            Assert.Empty(Endpoints(temp));
        }
        finally
        {
            BenchCli.DeleteQuietly(temp);
        }
    }

    [Fact]
    public void SigkillOfTheRun_LeavesNoSharedImageInDevShm()
    {
        using var run = new BenchRun(null, "--profile", "quick", "--workloads", "blur", "--param", "blur.width=8192", "--param", "blur.height=8192",
            "--strategies", "process-pool", "--workers", "2");
        var cellPids = new HashSet<int>();
        Assert.True(WaitFor(() =>
        {
            foreach (var (pid, command) in ProcessTable.Tagged(run.Tag).Where(p => p.Command.Contains(" cell ", StringComparison.Ordinal)))
            {
                cellPids.Add(pid);
            }

            return cellPids.Any(pid => Images(pid).Length > 0) && ProcessTable.Tagged(run.Tag).Any(p => p.Command.Contains("bench-worker", StringComparison.Ordinal));
        }, TimeSpan.FromMinutes(3)), "no blur cell with workers appeared\n" + run.Output + run.Errors);

        run.Signal(BenchRun.SIGKILL);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(10));

        Assert.All(cellPids, pid => Assert.Empty(Images(pid)));
    }

    [Theory]
    [InlineData("sleep.ms=-5", null, "sleep: parameter 'ms'")]
    [InlineData("sleep.nope=1", null, "sleep.nope")]
    [InlineData(null, "throw@item:1,workload=nope", "workload 'nope'")]
    public void InputsThatWouldDoNothing_AreRefused(string? parameter, string? fault, string expected)
    {
        var directory = BenchCli.ScratchPath("refused");
        string[] arguments = ["run", "--profile", "quick", "--workloads", "square", "--strategies", "threads", "--workers", "1", "--out", directory];
        if (parameter is not null)
        {
            arguments = [.. arguments, "--param", parameter];
        }

        var outcome = BenchCli.Run(TimeSpan.FromMinutes(3), fault is null ? null : new Dictionary<string, string> { ["BENCH_FAULT"] = fault }, arguments);
        try
        {
            Assert.True(outcome.Exit == 2, $"exit {outcome.Exit}: {outcome.Stdout}{outcome.Stderr}");
            Assert.Contains(expected, Assert.Single(outcome.Stderr.TrimEnd().Split('\n')));
            Assert.False(Directory.Exists(directory), "a refused run created its directory");
        }
        finally
        {
            BenchCli.DeleteQuietly(directory);
        }
    }

    private static List<string> Endpoints(string directory) =>
        [.. Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>().Where(n => DiagnosticEndpoint().IsMatch(n))];

    private static string[] Images(int pid) =>
        Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", $"bench-image-{pid}-*") : [];

    private static bool WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return condition();
    }
}
