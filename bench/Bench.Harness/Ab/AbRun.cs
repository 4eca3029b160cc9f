using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bench.Harness.Machine;
using Bench.Harness.Planning;
using Bench.Harness.Run;
using Bench.Harness.Statistics;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Results;

namespace Bench.Harness.Ab;

/// <summary>One side of a <c>bench ab</c> run: its build and its run directory (DIR/a or DIR/b).</summary>
/// <param name="Plan">The matrix, with BenchmarkDotNet directories under this side's run directory; the same keys on both sides.</param>
public sealed record AbSideRun(AbSide Side, string Directory, IReadOnlyList<CellSpec> Plan);

/// <summary>What a <c>bench ab</c> run measured: each side's results.json, and why it stopped early (null: it did not).</summary>
public sealed record AbRunOutcome(string ResultsA, string ResultsB, string? Stopped, int? SignalExitCode);

/// <summary>
/// Runs the launches of a <see cref="RoundSchedule"/>: each a fresh cell process of that side's build
/// (<see cref="CellLaunches"/>, as <c>bench run</c> launches a cell). Each side keeps a normal run
/// directory: every ok launch goes to its launches.jsonl at once, tagged with its round, so a kill
/// loses at most the launch in progress; a failed launch fails that side's cell (journal.jsonl) and its
/// later rounds are not run; when every round is done a cell's launches are merged into journal.jsonl.
/// results.json of each side is written from those at the end, also when the run stopped early.
/// </summary>
public sealed class AbRun
{
    private readonly Profile _profile;
    private readonly bool _resume;
    private readonly bool _verbose;
    private readonly ShutdownCoordinator? _shutdown;
    private readonly TextWriter _output;

    public AbRun(Profile profile, bool resume, bool verbose, ShutdownCoordinator? shutdown, TextWriter output)
    {
        _profile = profile;
        _resume = resume;
        _verbose = verbose;
        _shutdown = shutdown;
        _output = output;
    }

    public AbRunOutcome Execute(AbSideRun a, AbSideRun b, RoundSchedule schedule)
    {
        var launcher = WorkerLauncher.Locate();
        var calibration = OsFloors.Measure();
        foreach (var line in CalibrationTable.Lines(calibration))
        {
            _output.WriteLine(line);
        }

        var sides = new[] { Open(a, launcher, calibration), Open(b, launcher, calibration) };
        foreach (var warning in sides.SelectMany(s => s.Warnings))
        {
            _output.WriteLine($"warning: {warning}");
        }

        _output.WriteLine($"bench ab: {a.Plan.Count} cells × {schedule.Rounds} rounds × 2 sides, profile {_profile.Name}, seed {schedule.Seed}: " +
                          $"A {a.Side.Spec}, B {b.Side.Spec}");
        var clock = Stopwatch.StartNew();
        string? stopped = null;
        var pending = new Dictionary<(int Round, int Cell), CellResult?>();
        var (launched, kept) = (0, 0);
        foreach (var step in schedule.Steps())
        {
            var side = sides[step.SideB ? 1 : 0];
            var spec = side.Run.Plan[step.Cell];
            if (side.Finished.ContainsKey(spec.Key) || side.LaunchesOf(spec.Key).Any(l => l.LaunchRounds?.Contains(step.Round) == true))
            {
                kept++;
                continue;
            }

            if (_shutdown?.Requested == true)
            {
                stopped = $"interrupted by {_shutdown.Signal}";
                break;
            }

            try
            {
                var launch = CellLaunches.RunLaunch(spec, step.Round, side.CellDirectory, _verbose, _shutdown, side.Run.Side.Host);
                if (_shutdown?.Requested == true)
                {
                    stopped = $"interrupted by {_shutdown.Signal}";
                    break;
                }

                if (launch.Status != CellStatus.Ok && (OutputErrors.MentionsOutOfSpace(launch.Error) || OutputErrors.NearlyFull(side.Run.Directory)))
                {
                    stopped = $"{Label(spec)} failed for lack of space ({launch.Error})";
                    break;
                }

                side.Record(launch, step.Round);
                launched++;
                Report(step, spec, sides, pending, schedule);
            }
            catch (IOException e) when (OutputErrors.IsOutOfSpace(e))
            {
                stopped = $"stopped for lack of space: {OutputErrors.Cause(e)}";
                break;
            }
        }

        if (stopped is null)
        {
            foreach (var side in sides)
            {
                side.MergeFinishedCells();
            }
        }

        _output.WriteLine($"bench ab: {(stopped is null ? "all rounds measured" : stopped)}: {launched} launch{(launched == 1 ? "" : "es")} in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s" +
                          (kept > 0 ? $", {kept} kept from the journals" : ""));
        var resultsA = sides[0].WriteResults(_profile, stopped);
        var resultsB = sides[1].WriteResults(_profile, stopped);
        return new AbRunOutcome(resultsA, resultsB, stopped, _shutdown?.Requested == true ? _shutdown.ExitCode : null);
    }

    /// <summary>A line once both launches of a pair are in: the cell, both medians and B/A for that round.</summary>
    private void Report(AbStep step, CellSpec spec, SideState[] sides, Dictionary<(int, int), CellResult?> pending, RoundSchedule schedule)
    {
        var mine = sides[step.SideB ? 1 : 0].Latest;
        if (!pending.Remove((step.Round, step.Cell), out var other))
        {
            pending[(step.Round, step.Cell)] = mine;
            return;
        }

        var (a, b) = step.SideB ? (other, mine) : (mine, other);
        var text = $"[round {step.Round}/{schedule.Rounds}] {Label(spec)}: A {Describe(a)}, B {Describe(b)}";
        if (a is { Status: CellStatus.Ok, MedianNs: > 0 } && b is { Status: CellStatus.Ok, MedianNs: > 0 })
        {
            var change = b.MedianNs!.Value / a.MedianNs!.Value - 1;
            text += string.Create(CultureInfo.InvariantCulture, $", B/A {(change >= 0 ? "+" : "")}{change * 100:F1}%");
        }

        _output.WriteLine(text);
    }

    private static string Describe(CellResult? launch) => launch switch
    {
        null => "skipped",
        { Status: CellStatus.Ok, MedianNs: { } median } => string.Create(CultureInfo.InvariantCulture, $"{median / 1e6:F2} ms"),
        _ => $"{launch.Status.ToUpperInvariant()}: {launch.Error}",
    };

    private static string Label(CellSpec spec) => $"{spec.Workload} {spec.Strategy} W={spec.Workers}";

    private SideState Open(AbSideRun run, WorkerLauncher launcher, Calibration calibration)
    {
        var state = new SideState(run);
        state.Load(_resume);
        var environmentPath = Path.Combine(run.Directory, "environment.json");
        var recorded = _resume ? ReadRecord<EnvironmentInfo>(environmentPath) : null;
        state.Environment = recorded ?? EnvironmentProbe.Capture(launcher.Build, DateTimeOffset.UtcNow, launcher.DescribeVectorBits()) with
        {
            InjectedSlowdown = run.Side.InjectedSlowdown,
        };
        if (recorded is null)
        {
            AtomicFile.WriteAllText(environmentPath, JsonSerializer.Serialize(state.Environment, ResultsFile.Options));
        }

        var calibrationPath = Path.Combine(run.Directory, "calibration.json");
        state.Calibration = (_resume ? ReadRecord<Calibration>(calibrationPath) : null) ?? calibration;
        AtomicFile.WriteAllText(calibrationPath, JsonSerializer.Serialize(state.Calibration, ResultsFile.Options));
        return state;
    }

    private static T? ReadRecord<T>(string path) where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(SafeInput.ReadText(path, Path.GetFileName(path)), ResultsFile.ReadOptions) : null;
        }
        catch (Exception e) when (e is JsonException or ResultsFileException)
        {
            return null;
        }
    }

    /// <summary>A side's journals and what they hold so far.</summary>
    private sealed class SideState(AbSideRun run)
    {
        private readonly Journal _journal = new(Path.Combine(run.Directory, "journal.jsonl"));
        private readonly Journal _launchJournal = new(Path.Combine(run.Directory, "launches.jsonl"));
        private readonly Dictionary<string, List<CellResult>> _launches = new(StringComparer.Ordinal);

        public AbSideRun Run { get; } = run;

        public string CellDirectory { get; } = Path.Combine(run.Directory, "cells");

        /// <summary>Cells that are done: failed in some round, or merged once every round was measured.</summary>
        public Dictionary<string, CellResult> Finished { get; private set; } = new(StringComparer.Ordinal);

        public List<string> Warnings { get; } = [];

        public EnvironmentInfo Environment { get; set; } = null!;

        public Calibration Calibration { get; set; } = null!;

        /// <summary>The launch recorded last (null: none yet).</summary>
        public CellResult? Latest { get; private set; }

        public IReadOnlyList<CellResult> LaunchesOf(string key) => _launches.TryGetValue(key, out var list) ? list : [];

        public void Load(bool resume)
        {
            if (!resume)
            {
                return;
            }

            var (finished, warnings) = _journal.Load();
            var (entries, launchWarnings) = _launchJournal.LoadAll();
            Finished = finished;
            Warnings.AddRange(warnings.Concat(launchWarnings).Select(w => $"{Run.Side.Name}: {w}"));
            foreach (var entry in entries.Where(e => !finished.ContainsKey(e.Key) && e.LaunchRounds is { Count: 1 }))
            {
                (_launches.TryGetValue(entry.Key, out var list) ? list : _launches[entry.Key] = []).Add(entry);
            }
        }

        public void Record(CellResult launch, int round)
        {
            launch = launch with { LaunchRounds = [round] };
            Latest = launch;
            if (launch.Status == CellStatus.Ok)
            {
                _launchJournal.Append(launch);
                (_launches.TryGetValue(launch.Key, out var list) ? list : _launches[launch.Key] = []).Add(launch);
                return;
            }

            // A failed launch fails the side's cell, as in bench run; its rounds so far stay in launches.jsonl.
            var failed = launch with { Error = $"round {round}: {launch.Error}", LaunchRounds = null };
            _journal.Append(failed);
            Finished[failed.Key] = failed;
        }

        /// <summary>Every cell whose rounds are all measured goes to journal.jsonl as one merged result.</summary>
        public void MergeFinishedCells()
        {
            foreach (var spec in Run.Plan.Where(s => !Finished.ContainsKey(s.Key) && _launches.ContainsKey(s.Key)))
            {
                var merged = Merge(_launches[spec.Key]);
                _journal.Append(merged);
                Finished[merged.Key] = merged;
            }
        }

        public string WriteResults(Profile profile, string? stopped)
        {
            var cells = Run.Plan
                .Select(spec => Finished.TryGetValue(spec.Key, out var cell) ? cell : _launches.TryGetValue(spec.Key, out var list) ? Merge(list) : null)
                .OfType<CellResult>()
                .ToList();
            var results = new RunResults
            {
                Environment = Environment,
                Profile = profile.Name,
                Job = profile.Job,
                Calibration = Calibration,
                Strategies = StrategyRegistry.BuiltIn.Descriptors,
                Cells = AcrossCells.Apply(cells),
                CompletedUtc = stopped is null ? DateTimeOffset.UtcNow : null,
                Warnings = stopped is null
                    ? [.. Warnings, $"side {Run.Side.Label} of a bench ab run: each launch is one round, interleaved with the other side's"]
                    : [.. Warnings, $"{stopped}: the rounds so far only; bench ab --resume {System.IO.Path.GetDirectoryName(Run.Directory)} measures the rest"],
            };
            var path = Path.Combine(Run.Directory, "results.json");
            ResultsFile.Write(path, results);
            return path;
        }

        private static CellResult Merge(List<CellResult> launches)
        {
            var ordered = launches.OrderBy(l => l.LaunchRounds![0]).ToList();
            return CellLaunches.Merge(ordered) with { LaunchRounds = [.. ordered.Select(l => l.LaunchRounds![0])] };
        }
    }
}
