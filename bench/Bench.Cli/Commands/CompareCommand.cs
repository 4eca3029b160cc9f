using System.CommandLine;
using System.Globalization;
using Bench.Compare;
using Bench.Compare.Formats;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench compare BASELINE... CURRENT</c>: the CI regression gate. Exit 0 without regression, 1 with one
/// (or, with --fail-on any, any change), 2 on bad input — and, with --strict-env, when the two runs come
/// from different environments. More than one BASELINE is a baseline history, oldest first: the last is
/// the baseline proper and the spread between all of them is what a change must stand out from.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        // One argument for all paths: System.CommandLine gives a list argument every token, leaving none for a CURRENT after it.
        var runs = new Argument<string[]>("RUNS")
        {
            Description = "BASELINE... CURRENT: baseline run(s), then the current run, each a results.json, its run directory, or a BenchmarkDotNet *-report-full.json. " +
                          "Several baselines (oldest first, e.g. history/*.json) are a history: changes are then tested against the spread between those runs",
            Arity = ArgumentArity.OneOrMore,
        };
        var gate = new GateOptions();
        var strictEnv = new Option<bool>("--strict-env") { Description = "exit 2 when the environments differ (CPU, cores, OS, runtime, worker build)" };
        var db = StoreOptions.Database();
        var baselineBranch = new Option<string?>("--baseline-branch") { Description = "take the baseline history from the store (--db): the newest runs of this branch on CURRENT's machine" };
        var machine = new Option<string>("--machine") { Description = "with --baseline-branch: auto (CURRENT's machine fingerprint) or a fingerprint", DefaultValueFactory = _ => StoreBaseline.AutoMachine };
        var filter = FilterOption.Create("compare only the cells whose key workload/strategy/wW/parameters matches this glob (repeatable)");
        var baselineRuns = new Option<int>("--baseline-runs") { Description = "with --baseline-branch: how many of the newest runs make the history", DefaultValueFactory = _ => StoreBaseline.DefaultRuns };

        var command = new Command("compare", "compare two runs cell by cell; exit 1 on a regression (a CI gate)")
        {
            runs, strictEnv, filter, db, baselineBranch, machine, baselineRuns,
        };
        foreach (var option in gate.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var (gated, renderer, targets) = gate.Read(parse);
            var options = gated with { Filter = FilterOption.Read(parse, filter) };

            var paths = parse.GetValue(runs)!;
            ComparisonReport report;
            if (parse.GetValue(baselineBranch) is { } branch)
            {
                if (paths.Length != 1 || parse.GetValue(baselineRuns) < 1)
                {
                    throw new BadInputException($"with --baseline-branch, give only CURRENT (got {paths.Length} paths) and --baseline-runs of at least 1");
                }

                var fromStore = StoreBaseline.Compare(parse.GetValue(db), branch, parse.GetValue(machine)!, parse.GetValue(baselineRuns), paths[0], options, out var why);
                if (fromStore is null)
                {
                    // A first run, or a new kind of runner: nothing to gate against yet, which is not a regression.
                    output.WriteLine($"bench compare: no baseline: {why}; nothing compared");
                    return 0;
                }

                report = fromStore;
            }
            else if (parse.GetValue(db) is not null)
            {
                throw new BadInputException("--db needs --baseline-branch BRANCH: the branch whose runs are the baseline");
            }
            else if (paths.Length < 2)
            {
                throw new BadInputException($"compare needs a BASELINE and a CURRENT run; got {paths.Length} path");
            }
            else
            {
                report = Comparer.Compare(paths[..^1], paths[^1], options);
            }

            GateOptions.Write(report, renderer, targets, "bench compare", output);
            if (report.EnvironmentDifferences.Count > 0)
            {
                var differences = string.Join("; ", report.EnvironmentDifferences);
                if (parse.GetValue(strictEnv) && report.EnvironmentDifferences.Any(d => d.Machine))
                {
                    // The report was still written (it says why at the top); the gate refuses the pair.
                    throw new BadInputException($"--strict-env: baseline and current ran in different environments: {differences}");
                }

                error.WriteLine($"bench compare: warning: environments differ: {differences}");
            }

            return report.ExitCode;
        });
        return command;
    }
}
