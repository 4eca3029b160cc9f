using System.Text.Json;
using Bench.Harness.Ab;
using Bench.Results;

namespace Bench.Harness.Tests;

/// <summary>bench ab: its sides, its schedule, its bad input, and two real interleaved runs.</summary>
public class AbTests
{
    private static (int Code, string Out, string Err) InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Sides_parse_this_build_environment_settings_and_commas_inside_a_value()
    {
        Assert.Equal(AbSideKind.ThisBuild, AbSide.Parse("A", ".").Kind);
        var side = AbSide.Parse("B", "env:BENCH_INJECT_SLOWDOWN=sleep:5%,sieve:5%,DOTNET_gcServer=1");
        Assert.Equal(AbSideKind.Environment, side.Kind);
        Assert.Equal("sleep:5%,sieve:5%", side.Host.Environment["BENCH_INJECT_SLOWDOWN"]);
        Assert.Equal("1", side.Host.Environment["DOTNET_gcServer"]);
        Assert.Equal("sleep:5%,sieve:5%", side.InjectedSlowdown);
        Assert.Equal("B (env:BENCH_INJECT_SLOWDOWN=sleep:5%,sieve:5%,DOTNET_gcServer=1)", side.Label);
    }

    [Fact]
    public void A_published_folder_is_used_as_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("bench-ab-published-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bench.dll"), "");
            var side = AbSide.Parse("B", folder);
            Assert.Equal(AbSideKind.Published, side.Kind);
            Assert.Equal(Path.Combine(folder, "bench.dll"), side.Host.Executable);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string[], string> BadSides => new()
    {
        { ["ab", "nonsense", "."], "A 'nonsense' is neither '.', an env:NAME=VALUE" },
        { ["ab", ".", "env:"], "B 'env:': '' is not NAME=VALUE" },
        { ["ab", ".", "env:FOO"], "B 'env:FOO': 'FOO' is not NAME=VALUE" },
        { ["ab", ".", "env:A=1,A=2"], "sets A twice" },
        { ["ab", ".", "env:BENCH_INJECT_SLOWDOWN=sleep"], "'sleep' should look like workload:10%" },
        { ["ab", ".", "env:BENCH_INJECT_SLOWDOWN=slep:10%"], "names 'slep', which is no workload" },
        { ["ab", "/", "."], "A / is a directory without Bench" },
        { ["ab", ".", ".", "--workloads", "nope"], "nope" },
        { ["ab", ".", ".", "--rounds", "1"], "--rounds must be between 2 and 100" },
        { ["ab", ".", ".", "--threshold", "five"], "--threshold" },
        { ["ab", ".", ".", "--format", "pdf"], "--format 'pdf' is not a format" },
    };

    [Theory]
    [MemberData(nameof(BadSides))]
    public void Bad_input_exits_2_with_one_line_and_writes_nothing(string[] args, string expected)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-bad-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = InProcess([.. args, "--out", directory]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Each_round_visits_every_cell_once_with_A_and_B_back_to_back_in_a_seeded_order()
    {
        var schedule = new RoundSchedule(Seed: 42, Rounds: 5, Cells: 9);
        var steps = schedule.Steps().ToList();
        Assert.Equal(5 * 9 * 2, steps.Count);
        foreach (var round in steps.GroupBy(s => s.Round))
        {
            var list = round.ToList();
            Assert.Equal(Enumerable.Range(0, 9), list.Select(s => s.Cell).Distinct().Order());
            for (var i = 0; i < list.Count; i += 2)
            {
                Assert.Equal(list[i].Cell, list[i + 1].Cell);
                Assert.NotEqual(list[i].SideB, list[i + 1].SideB);
            }
        }

        // The same seed gives the same order (a resume relies on it); rounds and seeds differ from each other.
        Assert.Equal(steps, new RoundSchedule(42, 5, 9).Steps().ToList());
        Assert.NotEqual(schedule.Round(1).Select(s => s.Cell), schedule.Round(2).Select(s => s.Cell));
        Assert.NotEqual(steps, new RoundSchedule(43, 5, 9).Steps().ToList());
        // Neither side is always first.
        Assert.Contains(steps.Where((_, i) => i % 2 == 0), s => s.SideB);
        Assert.Contains(steps.Where((_, i) => i % 2 == 0), s => !s.SideB);
    }

    /// <summary>The CI recipe's matrix, less two strategies and with 5 rounds, so that the test takes minutes, not ten.</summary>
    private static readonly string[] Matrix =
        ["--profile", "quick", "--workloads", "square,sleep", "--workers", "1,2", "--strategies", "threads,process-pool", "--rounds", "5", "--seed", "7"];

    [Fact]
    [Trait("Category", "Slow")]
    public void Two_runs_of_this_build_pass_and_leave_two_normal_run_directories()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-aa-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, stdout, stderr) = EndToEndTests.RunBench(["ab", ".", ".", .. Matrix, "--out", directory]);
            Assert.True(code == 0, $"bench ab . . exited {code}: {stderr}\n{stdout}");
            Assert.Contains("PASS: no regression", stdout);
            foreach (var side in new[] { "a", "b" })
            {
                var results = ResultsFile.Read(Path.Combine(directory, side, "results.json"));
                Assert.Equal(8, results.Cells.Count);
                Assert.All(results.Cells, c => Assert.Equal([1, 2, 3, 4, 5], c.LaunchRounds!));
                Assert.All(results.Cells, c => Assert.Equal(5, c.LaunchSampleCounts!.Count));
                Assert.True(File.Exists(Path.Combine(directory, side, "plan.json")));
            }

            var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "ab-plan.json"))).RootElement;
            Assert.Equal(7, plan.GetProperty("seed").GetInt32());
            var ab = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "ab.json"))).RootElement;
            Assert.Equal(0, ab.GetProperty("exitCode").GetInt32());

            // Each side is a normal run: bench compare reads the pair too.
            var (compareCode, _, compareErr) = EndToEndTests.RunBench("compare", Path.Combine(directory, "a"), Path.Combine(directory, "b"), "--format", "json");
            Assert.True(compareCode is 0 or 1, compareErr);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    /// <remarks>
    /// 25 % on the threads cells over 8 rounds, not the README's 10 % over the whole matrix in 6: on a loaded 2-core
    /// machine the injected busy-wait is starved and small slowdowns do not reach alpha (docs/perf-notes.md). A gate's
    /// power on a loaded machine is what tools/ab-gate-figures.sh measures, not this test.
    /// </remarks>
    public void An_injected_slowdown_on_B_fails_the_gate_naming_only_its_workload()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-slow-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = Path.Combine(directory, "report.md");
            Directory.CreateDirectory(directory);
            string[] threads = ["--profile", "quick", "--workloads", "square,sleep", "--workers", "1,2", "--strategies", "threads", "--rounds", "8", "--seed", "7"];
            var (code, stdout, stderr) = EndToEndTests.RunBench(
                ["ab", ".", "env:BENCH_INJECT_SLOWDOWN=sleep:25%", .. threads, "--out", Path.Combine(directory, "ab"), "--format", "markdown", "--output", report]);
            Assert.True(code == 1, $"bench ab exited {code}: {stderr}\n{stdout}");
            var fail = stdout.Split('\n').Single(l => l.StartsWith("bench ab: ", StringComparison.Ordinal) && l.Contains("FAIL: "));
            var failing = fail[(fail.IndexOf("FAIL: ", StringComparison.Ordinal) + 6)..fail.LastIndexOf("; markdown report", StringComparison.Ordinal)].Split("; ");
            Assert.NotEmpty(failing);
            Assert.All(failing, name => Assert.StartsWith("sleep ", name));
            Assert.Contains("injected slowdown", File.ReadAllText(report));

            var b = ResultsFile.Read(Path.Combine(directory, "ab", "b", "results.json"));
            Assert.Equal("sleep:25%", b.Environment.InjectedSlowdown);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Resume_measures_only_the_launches_not_journaled_and_keeps_the_plan()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] one = ["--profile", "quick", "--workloads", "sleep", "--strategies", "threads", "--workers", "1", "--rounds", "2", "--seed", "3"];
            var (code, stdout, stderr) = EndToEndTests.RunBench(["ab", ".", "env:BENCH_INJECT_SLOWDOWN=sleep:10%", .. one, "--out", directory]);
            Assert.True(code is 0 or 1, $"bench ab exited {code}: {stderr}\n{stdout}");
            Assert.Contains("4 launches in", stdout);

            // As a kill after B's first launch leaves it: no merged cells yet, one launch of B journaled.
            foreach (var side in new[] { "a", "b" })
            {
                File.Delete(Path.Combine(directory, side, "journal.jsonl"));
            }

            var launches = Path.Combine(directory, "b", "launches.jsonl");
            File.WriteAllLines(launches, File.ReadAllLines(launches).Where(l => l.Length > 0).Take(1));

            (code, stdout, stderr) = EndToEndTests.RunBench("ab", "--resume", directory, "--rounds", "3");
            Assert.Equal(2, code);
            Assert.Contains("give it alone", stderr);

            (code, stdout, stderr) = EndToEndTests.RunBench("ab", "--resume", directory);
            Assert.True(code is 0 or 1, $"bench ab --resume exited {code}: {stderr}\n{stdout}");
            Assert.Contains("1 launch in", stdout);
            Assert.Contains("3 kept from the journals", stdout);
            var b = ResultsFile.Read(Path.Combine(directory, "b", "results.json"));
            Assert.Equal([1, 2], Assert.Single(b.Cells).LaunchRounds!);
            Assert.Equal("sleep:10%", b.Environment.InjectedSlowdown);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void A_checkout_that_does_not_build_exits_2_naming_the_build_error_before_measuring()
    {
        var checkout = Directory.CreateTempSubdirectory("bench-ab-broken-").FullName;
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-broken-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(Path.Combine(checkout, "run-bench.sh"),
                "#!/usr/bin/env bash\necho 'Restoring...' >&2\necho 'Sleep.cs(3,1): error CS1002: ; expected' >&2\nexit 1\n");
            var (code, _, error) = InProcess("ab", ".", checkout, "--profile", "quick", "--workloads", "sleep", "--out", directory);
            Assert.Equal(2, code);
            Assert.Contains($"B {checkout} does not build: its run-bench.sh exited 1: Sleep.cs(3,1): error CS1002", error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.False(Directory.Exists(directory));
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_published_folder_runs_its_own_bench_for_its_cells()
    {
        // The test's output folder holds a bench (apphost and bench.dll) beside its worker: a published Bench.
        var directory = Path.Combine(Path.GetTempPath(), "bench-ab-published-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, stdout, stderr) = EndToEndTests.RunBench(
                "ab", ".", AppContext.BaseDirectory, "--profile", "quick", "--workloads", "sleep", "--strategies", "threads", "--workers", "1",
                "--rounds", "2", "--out", directory);
            Assert.True(code is 0 or 1, $"bench ab exited {code}: {stderr}\n{stdout}");
            var b = ResultsFile.Read(Path.Combine(directory, "b", "results.json"));
            Assert.Equal(CellStatus.Ok, Assert.Single(b.Cells).Status);
            Assert.Contains(AppContext.BaseDirectory.TrimEnd('/'), File.ReadAllText(Path.Combine(directory, "ab-plan.json")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
