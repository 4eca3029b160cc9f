using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Machine;
using Bench.Harness.Planning;
using Bench.Harness.Run.Progress;
using Bench.Harness.Statistics;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>Options of one <c>bench run</c> beyond the matrix.</summary>
/// <param name="OutDirectory">OUT: results.json, journal.jsonl, bdn/, cells/.</param>
/// <param name="Resume">Continue a run in OUT: finished cells in its journal are kept, not re-run.</param>
/// <param name="Verbose">Show BenchmarkDotNet's own console output.</param>
/// <param name="Shutdown">SIGINT/SIGTERM handling; null: signals keep their default action.</param>
public sealed record RunOptions(string OutDirectory, bool Resume, bool Verbose, ShutdownCoordinator? Shutdown = null)
{
    /// <summary>Called with results.json's path once it is written (the CLI renders the report); returns a line to print
    /// before that path, and whether the report was written whole (a run whose report failed does not exit 0).</summary>
    public Func<string, (string Line, bool Written)>? AfterResults { get; init; }
}

/// <summary>
/// <c>bench run</c>: plan the matrix, run each cell in its own process, journal it at once, and write
/// results.json at the end (atomically). Prints one line per finished cell and, last, the path of
/// results.json.
/// </summary>
public static class RunOrchestrator
{
    public const int ExitOk = 0;
    public const int ExitCellsFailed = 1;
    public const int ExitBadInput = 2;

    public static int Execute(IReadOnlyList<CellSpec> plan, Profile profile, RunOptions options, TextWriter output, IRunProgress? progress = null)
    {
        using var display = progress ?? new PlainProgress(output);
        var outDirectory = Path.GetFullPath(options.OutDirectory);
        Directory.CreateDirectory(outDirectory);
        var launcher = WorkerLauncher.Locate();
        var journal = new Journal(Path.Combine(outDirectory, "journal.jsonl"));
        var environmentPath = Path.Combine(outDirectory, "environment.json");

        // A fresh run's directory holds nothing of an earlier run (RunDirectory refused it otherwise).
        var (finished, warnings) = options.Resume ? journal.Load() : (new Dictionary<string, CellResult>(StringComparer.Ordinal), new List<string>());

        // A resumed run keeps the environment of its start: the cells already measured describe that.
        EnvironmentInfo environment;
        if (options.Resume && ReadRecord<EnvironmentInfo>(environmentPath) is { } recorded)
        {
            environment = recorded;
        }
        else
        {
            environment = EnvironmentProbe.Capture(launcher.Build, DateTimeOffset.UtcNow, launcher.DescribeVectorBits()) with
            {
                WorkloadAssembly = Bench.Workloads.WorkloadRegistry.Assembly is { } assembly && plan.Any(c => c.Assembly is not null)
                    ? new WorkloadAssemblyInfo(assembly.Path, assembly.Contract, WorkerLauncher.AssemblyWorker)
                    : null,
            };
            AtomicFile.WriteAllText(environmentPath, JsonSerializer.Serialize(environment, ResultsFile.Options));
        }

        if (environment.WorkerVectorBits is { } workerBits && workerBits != environment.VectorBits)
        {
            // Not fatal: the numbers are real, but threads and processes then run different kernels.
            static string Describe(int? bits) => bits is > 0 ? $"{bits}-bit vectors" : "no vectors";
            output.WriteLine($"bench run: warning: worker processes accelerate {Describe(workerBits)}, the harness's threads {Describe(environment.VectorBits)}: " +
                             "vectorized workloads take different code paths under thread and process strategies (republish the worker for this CPU)");
        }

        // The OS floors, measured before any cell (kept from the start of a resumed run).
        var calibrationPath = Path.Combine(outDirectory, "calibration.json");
        Calibration calibration;
        if (options.Resume && ReadRecord<Calibration>(calibrationPath) is { } measured)
        {
            calibration = measured;
        }
        else
        {
            calibration = OsFloors.Measure();
            AtomicFile.WriteAllText(calibrationPath, JsonSerializer.Serialize(calibration, ResultsFile.Options));
        }

        foreach (var line in CalibrationTable.Lines(calibration))
        {
            output.WriteLine(line);
        }

        // Fixtures of cells killed outright in an earlier run (their Dispose never ran), and the runtime's
        // diagnostic endpoints of killed .NET processes.
        var leftovers = Bench.Workloads.Fixtures.LeftoverFixtures.Sweep().Concat(DiagnosticLeftovers.Sweep()).ToList();
        if (leftovers.Count > 0)
        {
            output.WriteLine($"bench run: removed {leftovers.Count} file(s) left by killed processes: {string.Join(", ", leftovers.Select(Path.GetFileName).Take(8))}{(leftovers.Count > 8 ? ", …" : "")}");
        }

        // Launches of unfinished cells (several launches a cell): journaled one by one, so that a kill
        // loses at most the launch in progress; the cell goes to journal.jsonl when its last launch ends.
        var launchJournal = new Journal(Path.Combine(outDirectory, "launches.jsonl"));
        var launchesSoFar = new Dictionary<string, List<CellResult>>(StringComparer.Ordinal);
        if (options.Resume)
        {
            var (entries, launchWarnings) = launchJournal.LoadAll();
            warnings.AddRange(launchWarnings);
            foreach (var entry in entries.Where(e => !finished.ContainsKey(e.Key)))
            {
                (launchesSoFar.TryGetValue(entry.Key, out var list) ? list : launchesSoFar[entry.Key] = []).Add(entry);
            }
        }

        foreach (var warning in warnings)
        {
            output.WriteLine($"warning: {warning}");
        }

        var launchCount = Math.Max(1, profile.Job.LaunchCount);
        var launchNote = launchCount > 1 ? $", {launchCount} launches a cell in {launchCount} passes" : "";
        output.WriteLine($"bench run: {plan.Count} cells, profile {profile.Name}{launchNote}, worker build {launcher.Build}, out {outDirectory}");
        display.Start(plan.Count * launchCount);
        var cellDirectory = Path.Combine(outDirectory, "cells");
        var clock = Stopwatch.StartNew();
        var step = 0;
        var interrupted = false;
        string? outOfSpace = null; // why the run stopped early for lack of space
        // Pass k measures launch k of every cell: a cell's launches are a whole pass apart.
        for (var pass = 1; pass <= launchCount && !interrupted; pass++)
        {
            foreach (var spec in plan)
            {
                step++;
                var label = launchCount > 1 ? $"{Label(spec)} (launch {pass}/{launchCount})" : Label(spec);
                var earlier = launchesSoFar.TryGetValue(spec.Key, out var list) ? list : launchesSoFar[spec.Key] = [];
                if (finished.ContainsKey(spec.Key) || earlier.Count >= pass)
                {
                    display.CellFinished(step, label, finished.ContainsKey(spec.Key) ? "already in the journal, skipped" : "launch already journaled, skipped");
                    continue;
                }

                if (options.Shutdown?.Requested == true)
                {
                    interrupted = true;
                    break;
                }

                display.CellStarting(step, label);
                try
                {
                    var launch = CellLaunches.RunLaunch(spec, pass, cellDirectory, options.Verbose, options.Shutdown);
                    if (options.Shutdown?.Requested == true)
                    {
                        output.WriteLine($"[{step}/{plan.Count * launchCount}] {label}: interrupted by {options.Shutdown.Signal}, not journaled");
                        interrupted = true;
                        break;
                    }

                    if (launch.Status != CellStatus.Ok && (OutputErrors.MentionsOutOfSpace(launch.Error) || OutputErrors.NearlyFull(outDirectory)))
                    {
                        // Not the cell's fault: it is measured again by --resume once there is space.
                        outOfSpace = $"{label} failed for lack of space ({launch.Error})";
                    }
                    else if (launch.Status == CellStatus.Ok && pass < launchCount)
                    {
                        launchJournal.Append(launch);
                        earlier.Add(launch);
                        display.CellFinished(step, label, Summarize(launch));
                        continue;
                    }
                    else
                    {
                        // The last launch, or a failed one (which fails the cell: its later launches are not run).
                        var cell = launch.Status == CellStatus.Ok ? CellLaunches.Merge([.. earlier, launch]) : launch;
                        journal.Append(cell);
                        finished[cell.Key] = cell;
                        display.CellFinished(step, label, Summarize(cell));
                        continue;
                    }
                }
                catch (IOException e) when (OutputErrors.IsOutOfSpace(e))
                {
                    outOfSpace = e.Message.Split('\n')[0];
                }

                output.WriteLine($"[{step}/{plan.Count * launchCount}] {label}: not journaled: {outOfSpace}");
                interrupted = true;
                break;
            }
        }

        display.Dispose();

        // Cells in plan order; results.json is rebuilt from the journal, so it always matches it.
        var (journaled, _) = journal.Load();
        var stopped = options.Shutdown?.Requested == true ? $"interrupted by {options.Shutdown.Signal}" : outOfSpace is not null ? "stopped for lack of space" : null;
        var cells = AcrossCells.Apply([.. plan.Select(spec => journaled.TryGetValue(spec.Key, out var c) ? c : null).OfType<CellResult>()]);
        var results = new RunResults
        {
            Environment = environment,
            Profile = profile.Name,
            Job = profile.Job,
            Calibration = calibration,
            Strategies = StrategyRegistry.BuiltIn.Descriptors,
            Cells = cells,
            CompletedUtc = stopped is null ? DateTimeOffset.UtcNow : null,
            Warnings = stopped is not null
                ? [.. warnings, $"{stopped} after {cells.Count} of {plan.Count} cells; bench run --resume {outDirectory} measures the rest"]
                : warnings,
        };
        var resultsPath = Path.Combine(outDirectory, "results.json");
        var bad = cells.Count(c => c.Status != CellStatus.Ok);
        try
        {
            ResultsFile.Write(resultsPath, results);
        }
        catch (IOException e) when (OutputErrors.IsOutOfSpace(e))
        {
            // The journal holds every finished cell: a resume (which runs no cell twice) rebuilds results.json from it.
            output.WriteLine($"bench run: {resultsPath} not written: {OutputErrors.Cause(e)}; journal.jsonl holds the {cells.Count} finished cells: " +
                             $"free space, then bench run --resume {outDirectory} writes it");
            return cells.Count > 0 ? ExitCellsFailed : ExitBadInput;
        }

        output.WriteLine($"bench run: {cells.Count - bad} ok, {bad} failed or invalid, in {clock.Elapsed.TotalSeconds:F1} s");
        var reportWritten = true;
        if (options.AfterResults is { } after)
        {
            var (line, written) = after(resultsPath);
            output.WriteLine(line);
            reportWritten = written;
        }

        output.WriteLine(resultsPath);
        if (options.Shutdown?.Requested == true)
        {
            return options.Shutdown.ExitCode;
        }

        if (outOfSpace is not null)
        {
            output.WriteLine($"bench run: stopped: {outOfSpace}; free space, then bench run --resume {outDirectory} measures the rest");
            return cells.Count > 0 ? ExitCellsFailed : ExitBadInput;
        }

        return bad == 0 && reportWritten ? ExitOk : ExitCellsFailed;
    }

    /// <summary>A record a resumed run keeps (environment.json, calibration.json), or null when it is missing or unreadable (it is then measured again).</summary>
    private static T? ReadRecord<T>(string path) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(SafeInput.ReadText(path, Path.GetFileName(path)), ResultsFile.ReadOptions);
        }
        catch (Exception e) when (e is JsonException or ResultsFileException)
        {
            return null;
        }
    }

    private static string Label(CellSpec spec) => $"{spec.Workload} {spec.Strategy} W={spec.Workers}";

    private static string Summarize(CellResult cell)
    {
        if (cell.Status != CellStatus.Ok)
        {
            return $"{cell.Status.ToUpperInvariant()}: {cell.Error}";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"median {Milliseconds(cell.MedianNs ?? 0)} over {cell.SamplesNs.Count} samples");
        if (cell.Derived is { IdealNs: { } ideal, OverheadPerItemNs: { } overhead })
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (ideal {Milliseconds(ideal)}, overhead {overhead / 1e3:F1} µs/item)");
        }

        if (cell.Derived?.EffectiveCores is { } cores)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {cores:F2} cores");
        }

        if (cell.Warnings.Count > 0)
        {
            text += $" [{string.Join("; ", cell.Warnings)}]";
        }

        return text;
    }

    private static string Milliseconds(double ns) => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms");
}
