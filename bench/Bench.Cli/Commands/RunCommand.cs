using System.CommandLine;
using Bench.Cli.Progress;
using Bench.Harness.Planning;
using Bench.Harness.Run;

namespace Bench.Cli.Commands;

/// <summary><c>bench run</c>: measure the matrix and write results.json.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output)
    {
        var workloads = new Option<string?>("--workloads") { Description = "comma-separated workloads (default: all; see bench list)" };
        var strategies = new Option<string?>("--strategies") { Description = "comma-separated strategies (default: all applicable)" };
        var workers = new Option<string?>("--workers") { Description = "comma-separated worker counts W (default: 1, 2, 4, … up to 2× logical cores)" };
        var profile = new Option<string>("--profile") { Description = "quick | default | thorough", DefaultValueFactory = _ => "default" };
        var outDir = new Option<string?>("--out") { Description = "output directory (default: artifacts/runs/<UTC timestamp>)" };
        var parameters = new Option<string[]>("--param") { Description = "workload parameter, workload.name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var chunk = new Option<int?>("--chunk-size") { Description = "items per frame for process-pool (default: automatic, like Pool.map)" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this directory, skipping its finished cells" };
        var verbose = new Option<bool>("--verbose") { Description = "show BenchmarkDotNet's console output" };
        var itemTimeout = new Option<double?>("--item-timeout") { Description = "seconds one item may run before it counts as hung (default: quick 30, else 120; docs/faults.md)" };
        var gil = new Option<bool>("--gil") { Description = "also run CPU-bound workloads under thread strategies with a CPython-like GIL (5 ms switch interval; those cells get the variant gil)" };
        var launches = new Option<int?>("--launches") { Description = "cell processes per cell, run in that many passes over the matrix so that bench compare sees the machine's drift (default: the profile's; thorough 3)" };
        var record = new Option<bool>("--record") { Description = "at the end, add the run to the store (bench history add; --db)" };
        var db = StoreOptions.Database();
        var threshold = ReportCommand.Threshold();
        var retry = new Option<int>("--retry") { Description = "0 | 1: run the items of a worker that died or hung again on a fresh worker (default 1)", DefaultValueFactory = _ => 1 };
        var filter = new Option<string[]>("--filter")
        {
            Description = "only the cells whose key workload/strategy/wW/parameters matches this glob, e.g. 'sieve/process-pool/*' (repeatable; * and ?)",
        };
        var list = new Option<bool>("--list") { Description = "print the planned cells and the estimated time; measure nothing" };
        var assembly = AssemblyOption.Create();
        var dry = new Option<bool>("--dry") { Description = "validate each cell once against the reference, time nothing, write nothing: a smoke test" };

        var command = new Command("run", "measure workloads × strategies × workers and write results.json")
        {
            workloads, strategies, workers, profile, outDir, parameters, filter, list, dry, assembly, chunk, resume, verbose, itemTimeout, retry, gil, launches, record, db, threshold,
        };
        command.SetAction(parse =>
        {
            var profileName = parse.GetValue(profile)!;
            var selected = Profile.Find(profileName)
                ?? throw new BadInputException($"unknown profile '{profileName}'; valid: {string.Join(", ", Profile.All.Select(p => p.Name))}");
            if (parse.GetValue(launches) is { } launchCount)
            {
                selected = launchCount is >= 1 and <= 20
                    ? selected with { Job = selected.Job with { LaunchCount = launchCount } }
                    : throw new BadInputException($"--launches must be between 1 and 20, not {launchCount}");
            }

            if (parse.GetValue(chunk) is < 1)
            {
                throw new BadInputException("--chunk-size must be at least 1");
            }

            var loaded = AssemblyOption.Load(parse.GetValue(assembly)); // bad input before anything is written
            var claimOptions = ReportCommand.Options(parse.GetValue(threshold));
            var faults = FaultOptions.Read(parse.GetValue(itemTimeout), parse.GetValue(retry));
            var resumeDirectory = parse.GetValue(resume);
            var outDirectory = parse.GetValue(outDir);
            if (resumeDirectory is not null && outDirectory is not null && Path.GetFullPath(resumeDirectory) != Path.GetFullPath(outDirectory))
            {
                throw new BadInputException($"--resume {resumeDirectory} continues the run where it is, and --out {outDirectory} names another directory: give one of them");
            }

            var request = new RunRequest
            {
                Workloads = ListParsing.Names(parse.GetValue(workloads)),
                Strategies = ListParsing.Names(parse.GetValue(strategies)),
                Workers = ListParsing.Workers(parse.GetValue(workers)),
                Profile = selected,
                ParameterOverrides = ListParsing.Parameters(parse.GetValue(parameters)),
                ChunkSize = parse.GetValue(chunk),
                ItemTimeout = faults.ItemTimeout,
                Retries = faults.Retries,
                Gil = parse.GetValue(gil),
                Filter = parse.GetValue(filter) is { Length: > 0 } globs ? globs : null,
                Assembly = loaded?.Path,
            };

            if (parse.GetValue(list) || parse.GetValue(dry))
            {
                return Preview(parse.GetValue(list), resumeDirectory, request, output);
            }

            // The options given on this command line (not their defaults): a resume checks them against its plan.
            var given = new Option[] { workloads, strategies, workers, profile, parameters, chunk, itemTimeout, retry, gil, launches, filter, assembly }
                .Where(o => parse.GetResult(o) is { Implicit: false })
                .Select(o => o.Name)
                .ToHashSet(StringComparer.Ordinal);

            var path = resumeDirectory ?? outDirectory ?? RunDirectory.DefaultPath(DateTime.UtcNow);
            var fresh = resumeDirectory is null ? RunPlanning.Fresh(request, path) : null; // bad input is refused before OUT is touched
            using var directory = fresh is null ? RunDirectory.OpenForResume(path) : RunDirectory.CreateFresh(path);
            IReadOnlyList<CellSpec> plan;
            if (fresh is null)
            {
                (plan, request) = RunPlanning.Resume(request, directory, given, path, output);
            }
            else
            {
                RunPlanning.Record(request, fresh, directory);
                plan = fresh;
            }

            if (faults.Injected is not null)
            {
                output.WriteLine($"bench run: fault injection is on ({faults.Injected}): a testing aid, see docs/faults.md");
            }

            using var shutdown = ShutdownCoordinator.Install(Console.Error);
            var options = new RunOptions(directory.Path, resumeDirectory is not null, parse.GetValue(verbose), shutdown)
            {
                AfterResults = parse.GetValue(record)
                    ? resultsPath =>
                    {
                        var (line, written) = ReportCommand.AfterRun(resultsPath, claimOptions);
                        return (line + Environment.NewLine + HistoryCommand.Record(resultsPath, parse.GetValue(db)), written);
                    }
                    : resultsPath => ReportCommand.AfterRun(resultsPath, claimOptions),
            };
            return RunOrchestrator.Execute(plan, request.Profile, options, output, SpectreProgress.Supported(output) ? new SpectreProgress() : null);
        });
        return command;
    }

    /// <summary><c>--list</c> or <c>--dry</c>: the plan of these options, listed or validated; no run directory is made.</summary>
    private static int Preview(bool list, string? resumeDirectory, RunRequest request, TextWriter output)
    {
        var what = list ? "--list" : "--dry";
        if (resumeDirectory is not null)
        {
            throw new BadInputException($"{what} previews a fresh run's plan; it does not combine with --resume");
        }

        var plan = RunPlanning.Fresh(request, Path.Combine(Path.GetTempPath(), "bench-preview"));
        if (!list)
        {
            return DryRun.Execute(plan, output);
        }

        foreach (var line in PlanListing.Lines(plan, request.Profile))
        {
            output.WriteLine(line);
        }

        return 0;
    }
}
