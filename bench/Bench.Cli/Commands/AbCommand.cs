using System.CommandLine;
using Bench.Compare;
using Bench.Compare.Formats;
using Bench.Compare.Inputs;
using Bench.Harness.Ab;
using Bench.Harness.Planning;
using Bench.Harness.Run;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench ab A B</c>: two builds or two configurations measured interleaved on this machine, round by
/// round, and compared pair by pair (docs/compare.md#bench-ab). Exit 0 without regression, 1 with one,
/// 2 on bad input or when a side failed every cell.
/// </summary>
internal static class AbCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var a = new Argument<string?>("A") { Description = "the baseline side: '.', env:NAME=VALUE[,NAME=VALUE…], a Bench checkout or a published Bench folder", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("B") { Description = "the side compared with A, given the same ways", Arity = ArgumentArity.ZeroOrOne };
        var filter = FilterOption.Create("measure only the cells whose key workload/strategy/wW/parameters matches this glob (repeatable)");
        var resume = new Option<string?>("--resume") { Description = "continue the bench ab run in this DIR (its ab-plan.json): launches already journaled are kept" };
        var workloads = new Option<string?>("--workloads") { Description = "comma-separated workloads (default: all; see bench list)" };
        var strategies = new Option<string?>("--strategies") { Description = "comma-separated strategies (default: all applicable)" };
        var workers = new Option<string?>("--workers") { Description = "comma-separated worker counts W (default: 1, 2, 4, … up to 2× logical cores)" };
        var profile = new Option<string>("--profile") { Description = "quick | default | thorough", DefaultValueFactory = _ => "default" };
        var parameters = new Option<string[]>("--param") { Description = "workload parameter, workload.name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var chunk = new Option<int?>("--chunk-size") { Description = "items per frame for process-pool (default: automatic)" };
        var itemTimeout = new Option<double?>("--item-timeout") { Description = "seconds one item may run before it counts as hung (docs/faults.md)" };
        var retry = new Option<int>("--retry") { Description = "0 | 1: run the items of a worker that died or hung again on a fresh worker (default 1)", DefaultValueFactory = _ => 1 };
        var gil = new Option<bool>("--gil") { Description = "also run CPU-bound workloads under thread strategies with a CPython-like GIL" };
        var rounds = new Option<int?>("--rounds") { Description = "rounds: in each, every cell once on both sides, back to back (default: quick and default 6, thorough 12)" };
        var seed = new Option<int?>("--seed") { Description = "seed of the random cell and side order (default: drawn; recorded in DIR/ab-plan.json)" };
        var outDir = new Option<string?>("--out") { Description = "DIR: DIR/a, DIR/b (each a normal run), DIR/ab.json (default: artifacts/ab/<UTC timestamp>)" };
        var verbose = new Option<bool>("--verbose") { Description = "show BenchmarkDotNet's console output" };
        var gate = new GateOptions();

        var command = new Command("ab", "measure two builds or configurations interleaved, round by round, and compare them pair by pair (a CI gate)")
        {
            a, b, workloads, strategies, workers, profile, parameters, filter, chunk, itemTimeout, retry, gil, rounds, seed, outDir, resume, verbose,
        };
        foreach (var option in gate.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var (options, renderer, targets) = gate.Read(parse);
            if (parse.GetValue(resume) is { } resumeDirectory)
            {
                // The recorded plan, sides and seed are the run: options that would change them are refused.
                var given = new Option[] { workloads, strategies, workers, profile, parameters, filter, chunk, itemTimeout, retry, gil, rounds, seed, outDir }
                    .Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (parse.GetValue(a) is not null || given.Count > 0)
                {
                    throw new BadInputException($"--resume {resumeDirectory} continues the recorded run: give it alone (not {string.Join(", ", given.Prepend(parse.GetValue(a) is null ? null : "A B").OfType<string>())})");
                }

                return Resume(resumeDirectory, parse.GetValue(verbose), options, renderer, targets, output, error);
            }

            if (parse.GetValue(a) is not { } specA || parse.GetValue(b) is not { } specB)
            {
                throw new BadInputException("ab needs two sides, A and B (or --resume DIR)");
            }

            var sideA = AbSide.Parse("A", specA);
            var sideB = AbSide.Parse("B", specB);
            var profileName = parse.GetValue(profile)!;
            var selected = Profile.Find(profileName)
                ?? throw new BadInputException($"unknown profile '{profileName}'; valid: {string.Join(", ", Profile.All.Select(p => p.Name))}");
            var roundCount = parse.GetValue(rounds) ?? RoundSchedule.DefaultRounds(selected.Name);
            if (roundCount is < PairedAnalysisMinimum or > 100)
            {
                throw new BadInputException($"--rounds must be between {PairedAnalysisMinimum} and 100, not {roundCount}");
            }

            if (parse.GetValue(chunk) is < 1)
            {
                throw new BadInputException("--chunk-size must be at least 1");
            }

            var faults = FaultOptions.Read(parse.GetValue(itemTimeout), parse.GetValue(retry));
            // One launch per round and side: the profile's own launches would run inside a round.
            var request = new RunRequest
            {
                Workloads = ListParsing.Names(parse.GetValue(workloads)),
                Strategies = ListParsing.Names(parse.GetValue(strategies)),
                Workers = ListParsing.Workers(parse.GetValue(workers)),
                Profile = selected with { Job = selected.Job with { LaunchCount = roundCount } },
                ParameterOverrides = ListParsing.Parameters(parse.GetValue(parameters)),
                Filter = parse.GetValue(filter) is { Length: > 0 } globs ? globs : null,
                ChunkSize = parse.GetValue(chunk),
                ItemTimeout = faults.ItemTimeout,
                Retries = faults.Retries,
                Gil = parse.GetValue(gil),
            };

            var directory = Path.GetFullPath(parse.GetValue(outDir) ?? DefaultPath(DateTime.UtcNow));
            if (File.Exists(Path.Combine(directory, AbPlanRecord.FileName)))
            {
                throw new BadInputException($"--out {directory} already holds a bench ab run; bench ab --resume {directory} continues it, or choose another --out");
            }

            var (dirA, dirB) = (Path.Combine(directory, "a"), Path.Combine(directory, "b"));
            var planA = RunPlanning.Fresh(request, dirA); // bad input is refused before DIR is touched
            var planB = RunPlanning.Fresh(request, dirB);
            // A checkout is published only now, once the options are known to be good: bad input costs no build.
            sideA = SideBuild.Prepare(sideA, output);
            sideB = SideBuild.Prepare(sideB, output);
            using var runA = RunDirectory.CreateFresh(dirA);
            using var runB = RunDirectory.CreateFresh(dirB);
            RunPlanning.Record(request, planA, runA);
            RunPlanning.Record(request, planB, runB);
            var schedule = new RoundSchedule(parse.GetValue(seed) ?? Random.Shared.Next(), roundCount, planA.Count);
            new AbPlanRecord { A = sideA.Spec, B = sideB.Spec, Seed = schedule.Seed, Rounds = roundCount }.Write(directory);
            if (faults.Injected is not null)
            {
                output.WriteLine($"bench ab: fault injection is on ({faults.Injected}): a testing aid, see docs/faults.md");
            }

            using var shutdown = ShutdownCoordinator.Install(Console.Error);
            var run = new AbRun(request.Profile, resume: false, parse.GetValue(verbose), shutdown, output);
            var outcome = run.Execute(new AbSideRun(sideA, runA.Path, planA), new AbSideRun(sideB, runB.Path, planB), schedule);
            return Judge(outcome, sideA, sideB, directory, options, renderer, targets, output, error);
        });
        return command;
    }

    /// <summary>
    /// <c>bench ab --resume DIR</c>: the sides, seed and rounds of DIR/ab-plan.json, each side's matrix from its
    /// plan.json; the schedule is drawn again from the seed, and every launch already in a side's journals is
    /// skipped. A launch cut short runs again in its place, so its pair is no longer back to back: one round of
    /// one cell, of all the rounds.
    /// </summary>
    private static int Resume(
        string resumeDirectory, bool verbose, ComparisonOptions options, IReportFormat renderer,
        IReadOnlyList<(IReportFormat Format, string Path)> targets, TextWriter output, TextWriter error)
    {
        var directory = Path.GetFullPath(resumeDirectory);
        var plan = AbPlanRecord.Read(directory);
        var sideA = SideBuild.Prepare(AbSide.Parse("A", plan.A), output);
        var sideB = SideBuild.Prepare(AbSide.Parse("B", plan.B), output);
        using var runA = RunDirectory.OpenForResume(Path.Combine(directory, "a"));
        using var runB = RunDirectory.OpenForResume(Path.Combine(directory, "b"));
        var (planA, request) = RunPlanning.Resume(new RunRequest { Profile = Profile.Quick }, runA, new HashSet<string>(), runA.Path, output);
        var (planB, _) = RunPlanning.Resume(new RunRequest { Profile = Profile.Quick }, runB, new HashSet<string>(), runB.Path, output);
        if (!planA.Select(c => c.Key).SequenceEqual(planB.Select(c => c.Key)))
        {
            throw new BadInputException($"--resume {resumeDirectory}: a/plan.json and b/plan.json plan different cells (edited by hand?)");
        }

        output.WriteLine($"bench ab: resuming {directory}");
        using var shutdown = ShutdownCoordinator.Install(Console.Error);
        var run = new AbRun(request.Profile, resume: true, verbose, shutdown, output);
        var outcome = run.Execute(new AbSideRun(sideA, runA.Path, planA), new AbSideRun(sideB, runB.Path, planB), new RoundSchedule(plan.Seed, plan.Rounds, planA.Count));
        return Judge(outcome, sideA, sideB, directory, options, renderer, targets, output, error);
    }

    private const int PairedAnalysisMinimum = Bench.Compare.Statistics.PairedAnalysis.MinimumRounds;

    /// <summary>The paired comparison of the two sides: DIR/ab.json always, the chosen format to stdout or --output, and the exit code.</summary>
    private static int Judge(
        AbRunOutcome outcome, AbSide sideA, AbSide sideB, string directory, ComparisonOptions options, IReportFormat renderer,
        IReadOnlyList<(IReportFormat Format, string Path)> targets,
        TextWriter output, TextWriter error)
    {
        if (outcome.Stopped is not null)
        {
            output.WriteLine($"bench ab: {outcome.Stopped}; nothing measured is lost: bench ab --resume {directory} measures the rest");
            return outcome.SignalExitCode ?? Cli.ExitBadInput;
        }

        var inputA = Side(outcome.ResultsA, sideA);
        var inputB = Side(outcome.ResultsB, sideB);
        var report = PairedComparer.Compare(inputA, inputB, options);
        AtomicFile.WriteAllText(Path.Combine(directory, "ab.json"), new JsonFormat().Render(report));
        GateOptions.Write(report, renderer, targets, "bench ab", output);
        output.WriteLine(Path.Combine(directory, "ab.json"));

        // A side that measured nothing is no comparison: its build or settings are broken, not slower.
        foreach (var (input, side) in new[] { (inputA, sideA), (inputB, sideB) })
        {
            if (input.Cells.Count > 0 && input.Cells.All(c => !c.Ok))
            {
                throw new BadInputException($"side {side.Label} failed every cell ({input.Cells[0].Error}); see {Path.GetDirectoryName(input.Source)}/journal.jsonl");
            }
        }

        if (report.EnvironmentDifferences.Count > 0)
        {
            error.WriteLine($"bench ab: the sides differ in: {string.Join("; ", report.EnvironmentDifferences)}");
        }

        return report.ExitCode;
    }

    private static ComparisonInput Side(string resultsPath, AbSide side)
    {
        var input = BenchResultsInput.From(ResultsFile.Read(resultsPath), resultsPath);
        return input with { Kind = $"bench ab side {side.Label}" };
    }

    /// <summary>artifacts/ab/&lt;UTC timestamp&gt;, with -2, -3 … when two start in the same second.</summary>
    private static string DefaultPath(DateTime utcNow)
    {
        var stem = Path.Combine("artifacts", "ab", utcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var candidate = stem;
        for (var n = 2; Path.Exists(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}
