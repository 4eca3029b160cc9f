using System.Diagnostics;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
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
/// <c>bench run</c>: probe the machine and calibrate the OS floors (<see cref="RunSetup"/>), run each cell
/// in its own process and journal it at once (<see cref="CellPasses"/>, <see cref="RunJournals"/>), and
/// write results.json at the end (atomically). Prints one line per finished cell and, last, the path of
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
        var environment = RunSetup.Probe(outDirectory, options.Resume, launcher, plan.Any(c => c.Assembly is not null), output);
        var calibration = RunSetup.Calibrate(outDirectory, options.Resume, output);
        RunSetup.SweepLeftovers(output);
        // A fresh run's directory holds nothing of an earlier run (RunDirectory refused it otherwise).
        var journals = RunJournals.Open(outDirectory, options.Resume);
        foreach (var warning in journals.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }

        var launchCount = Math.Max(1, profile.Job.LaunchCount);
        var launchNote = launchCount > 1 ? $", {launchCount} launches a cell in {launchCount} passes" : "";
        output.WriteLine($"bench run: {plan.Count} cells, profile {profile.Name}{launchNote}, worker build {launcher.Build}, out {outDirectory}");
        var clock = Stopwatch.StartNew();
        var passes = new CellPasses(plan, launchCount, options, outDirectory, output, display, journals);
        passes.Run();
        display.Dispose();

        var stopped = options.Shutdown?.Requested == true ? $"interrupted by {options.Shutdown.Signal}"
            : passes.OutOfSpace is not null ? "stopped for lack of space" : null;
        var results = Results(plan, profile, environment, calibration, journals, stopped, outDirectory);
        return Write(results, options, outDirectory, passes.OutOfSpace, clock.Elapsed, output);
    }

    /// <summary>Cells in plan order; results.json is rebuilt from the journal, so it always matches it.</summary>
    private static RunResults Results(IReadOnlyList<CellSpec> plan, Profile profile, EnvironmentInfo environment, Calibration calibration,
        RunJournals journals, string? stopped, string outDirectory)
    {
        var journaled = journals.LoadCells();
        var cells = AcrossCells.Apply([.. plan.Select(spec => journaled.TryGetValue(spec.Key, out var c) ? c : null).OfType<CellResult>()]);
        return new RunResults
        {
            Environment = environment,
            Profile = profile.Name,
            Job = profile.Job,
            Calibration = calibration,
            Strategies = StrategyRegistry.BuiltIn.Descriptors,
            Cells = cells,
            CompletedUtc = stopped is null ? DateTimeOffset.UtcNow : null,
            Warnings = stopped is not null
                ? [.. journals.Warnings, $"{stopped} after {cells.Count} of {plan.Count} cells; bench run --resume {outDirectory} measures the rest"]
                : journals.Warnings,
        };
    }

    /// <summary>Writes results.json, then the report (<see cref="RunOptions.AfterResults"/>); the run's exit code.</summary>
    private static int Write(RunResults results, RunOptions options, string outDirectory, string? outOfSpace, TimeSpan elapsed, TextWriter output)
    {
        var cells = results.Cells;
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

        output.WriteLine($"bench run: {cells.Count - bad} ok, {bad} failed or invalid, in {elapsed.TotalSeconds:F1} s");
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
}
