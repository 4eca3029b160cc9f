using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bench.Compare;
using Bench.Compare.Statistics;
using Bench.History;
using Bench.Results;
using Bench.Store.Runs;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench history add|list|report|export</c>: the store of runs over time (docs/history.md). Every verb takes
/// <c>--db</c>; a store that cannot be used, or a run that cannot be read, is one line and exit code 2 with
/// nothing half-added.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output) =>
        new("history", "keep runs over time in a store (SQLite file or PostgreSQL) and report their trends")
        {
            Add(output), List(output), Report(output), Export(output),
        };

    private static Command Add(TextWriter output)
    {
        var runs = new Argument<string[]>("RUN") { Description = "run directories or results.json files", Arity = ArgumentArity.OneOrMore };
        var db = StoreOptions.Database();
        var commit = new Option<string?>("--commit") { Description = "the commit the runs measured (default: the one the run recorded)" };
        var branch = new Option<string?>("--branch") { Description = "the branch the runs measured (default: the CI's, GITHUB_HEAD_REF or GITHUB_REF_NAME)" };
        var command = new Command("add", "add runs to the store, all in one transaction; a run already there is refused") { runs, db, commit, branch };
        command.SetAction(parse =>
        {
            // Every run is read (and migrated) before the store is touched: a bad file adds nothing.
            var toAdd = parse.GetValue(runs)!.Select(path =>
            {
                var (results, file) = StoreOptions.ReadRun(path);
                return StoreOptions.ToAdd(results, file, parse.GetValue(commit), parse.GetValue(branch), fromCheckout: false);
            }).ToList();
            using var store = StoreOptions.Open(parse.GetValue(db));
            foreach (var run in store.Add(toAdd))
            {
                output.WriteLine($"bench history: added run {run.Id} ({run.CellCount} cells, machine {run.Machine}, commit {run.Commit ?? "unknown"}, branch {run.Branch ?? "unknown"}) from {run.Source}");
            }

            output.WriteLine($"bench history: {store.Location.Display}");
            return 0;
        });
        return command;
    }

    /// <summary>The line <c>bench run --record</c> prints after its report: the run added, or why not (the run itself stands).</summary>
    public static string Record(string resultsPath, string? db)
    {
        try
        {
            var (results, file) = StoreOptions.ReadRun(resultsPath);
            using var store = StoreOptions.Open(db);
            var run = store.Add([StoreOptions.ToAdd(results, file, null, null, fromCheckout: true)])[0];
            return $"history: recorded as run {run.Id} in {store.Location.Display}";
        }
        catch (Exception e) when (e is Bench.Store.StoreException or ResultsFileException)
        {
            return $"history: not recorded ({e.Message}); retry with bench history add {resultsPath}";
        }
    }

    private static Command List(TextWriter output)
    {
        var db = StoreOptions.Database();
        var (branch, machine, last) = Filters();
        var format = new Option<string>("--format") { Description = "text | json", DefaultValueFactory = _ => "text" };
        var command = new Command("list", "list the stored runs, oldest first") { db, branch, machine, last, format };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format)!.ToLowerInvariant() switch
            {
                "text" => false,
                "json" => true,
                var other => throw new BadInputException($"--format '{other}' is not a choice; valid: text, json"),
            };
            using var store = StoreOptions.OpenExisting(parse.GetValue(db));
            var runs = store.List(Filter(parse.GetValue(branch), parse.GetValue(machine), parse.GetValue(last)));
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(runs, ResultsFile.Options));
                return 0;
            }

            output.WriteLine($"{"run",-16}  {"started (UTC)",-19}  {"machine",-12}  {"commit",-12}  {"branch",-16}  {"profile",-8}  cells");
            foreach (var run in runs)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Id,-16}  {run.StartedUtc:yyyy-MM-dd HH:mm:ss}  {run.Machine,-12}  {Short(run.Commit),-12}  {run.Branch ?? "-",-16}  {run.Profile,-8}  {run.CellCount}"));
            }

            var machines = store.Machines().Where(m => runs.Any(r => r.Machine == m.Fingerprint)).ToList();
            foreach (var m in machines)
            {
                output.WriteLine($"machine {m.Fingerprint}: {m.Description}");
            }

            output.WriteLine($"{runs.Count} runs on {machines.Count} machines in {store.Location.Display} (schema version {store.SchemaVersion})");
            return 0;
        });
        return command;
    }

    private static Command Report(TextWriter output)
    {
        var db = StoreOptions.Database();
        var (branch, machine, last) = Filters();
        var outDir = new Option<string?>("--out") { Description = "output directory (default: artifacts/history/)" };
        var threshold = new Option<string>("--threshold") { Description = "smallest step that is a change point: a percentage (5%) or a time (2ms)", DefaultValueFactory = _ => "5%" };
        var alpha = new Option<string>("--alpha") { Description = "significance level of the test that confirms a step", DefaultValueFactory = _ => "0.01" };
        var command = new Command("report", "write the trend report: a chart per cell over commits, a series per machine, change points, machines side by side")
        {
            db, branch, machine, last, outDir, threshold, alpha,
        };
        command.SetAction(parse =>
        {
            var test = new ComparisonOptions
            {
                Threshold = ChangeThreshold.TryParse(parse.GetValue(threshold)!, out var t, out var problem) ? t! : throw new BadInputException($"--threshold {problem}"),
                Alpha = GateOptions.Alpha(parse.GetValue(alpha)!),
            };
            using var store = StoreOptions.OpenExisting(parse.GetValue(db));
            var options = new HistoryOptions(Filter(parse.GetValue(branch), parse.GetValue(machine), parse.GetValue(last)), test);
            var report = HistoryReportWriter.Write(store, parse.GetValue(outDir) ?? Path.Combine("artifacts", "history"), options);
            foreach (var change in report.Changes)
            {
                output.WriteLine($"change point: {change.Sentence}");
            }

            output.WriteLine($"bench history report: {report.Runs} runs, {report.Charts.Count} charts, {report.Changes.Count} change points in {report.Elapsed.TotalSeconds:F1} s");
            output.WriteLine(report.IndexHtml);
            return 0;
        });
        return command;
    }

    private static Command Export(TextWriter output)
    {
        var id = new Argument<string>("ID") { Description = "the run's id (bench history list), or enough of its start to be unique" };
        var db = StoreOptions.Database();
        var outFile = new Option<string?>("--out") { Description = "write results.json here (default: stdout)" };
        var command = new Command("export", "write a stored run back as results.json") { id, db, outFile };
        command.SetAction(parse =>
        {
            using var store = StoreOptions.OpenExisting(parse.GetValue(db));
            var results = store.Export(parse.GetValue(id)!);
            if (parse.GetValue(outFile) is { } file)
            {
                ResultsFile.Write(file, results);
                output.WriteLine(Path.GetFullPath(file));
            }
            else
            {
                output.WriteLine(JsonSerializer.Serialize(results, ResultsFile.Options));
            }

            return 0;
        });
        return command;
    }

    private static (Option<string?> Branch, Option<string?> Machine, Option<int?> Last) Filters() =>
        (new Option<string?>("--branch") { Description = "only runs of this branch" },
         new Option<string?>("--machine") { Description = "only runs of this machine (its fingerprint, or the start of it)" },
         new Option<int?>("--last") { Description = "only the newest N runs" });

    private static RunFilter Filter(string? branch, string? machine, int? last) =>
        last is < 1 ? throw new BadInputException($"--last must be at least 1, not {last}") : new RunFilter(machine, branch, last);

    private static string Short(string? commit) => commit is null ? "-" : commit[..Math.Min(12, commit.Length)];
}
