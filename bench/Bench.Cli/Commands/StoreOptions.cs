using System.CommandLine;
using System.Diagnostics;
using Bench.Results;
using Bench.Store;
using Bench.Store.Runs;

namespace Bench.Cli.Commands;

/// <summary>
/// What every command that reads or writes the store shares: <c>--db</c> (default <c>$BENCH_DB</c>, else
/// artifacts/history.db), reading runs through <see cref="ResultsFile"/>, and the commit and branch a run measured.
/// </summary>
internal static class StoreOptions
{
    public const string DatabaseVariable = "BENCH_DB";

    public static Option<string?> Database() => new("--db")
    {
        Description = $"the store: a SQLite file (default ${DatabaseVariable}, else {StoreLocation.DefaultPath}) or postgresql://user:password@host:port/database",
    };

    public static StoreLocation Location(string? db) =>
        StoreLocation.Parse(db ?? Environment.GetEnvironmentVariable(DatabaseVariable));

    /// <summary>Opens the store for adding, creating a SQLite file that is not there yet.</summary>
    public static RunStore Open(string? db) => RunStore.Open(Location(db));

    /// <summary>Opens a store that must exist already: reading a mistyped path gets one line, not an empty store.</summary>
    public static RunStore OpenExisting(string? db)
    {
        var location = Location(db);
        return location.Exists
            ? RunStore.Open(location)
            : throw new StoreException($"no store at {location.Display} (bench history add or bench run --record creates one)");
    }

    /// <summary>A run directory (its results.json) or a results.json, read and migrated by <see cref="ResultsFile"/>.</summary>
    public static (RunResults Results, string Path) ReadRun(string path)
    {
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, "results.json");
            if (!File.Exists(inside))
            {
                throw new ResultsFileException($"{path} is a directory without results.json");
            }

            path = inside;
        }

        return (ResultsFile.Read(path), path);
    }

    /// <summary>
    /// The run to add with its commit and branch: given ones first; else the commit the harness recorded
    /// (environment.gitCommit) and the CI's branch (GITHUB_HEAD_REF for a pull request, else GITHUB_REF_NAME);
    /// with <paramref name="fromCheckout"/> (bench run --record, in the checkout it ran) also git's HEAD and branch.
    /// </summary>
    public static RunToAdd ToAdd(RunResults results, string source, string? commit, string? branch, bool fromCheckout)
    {
        commit ??= results.Environment.GitCommit ?? (fromCheckout ? Git("rev-parse", "HEAD") : null);
        branch ??= NonEmpty(Environment.GetEnvironmentVariable("GITHUB_HEAD_REF")) ?? NonEmpty(Environment.GetEnvironmentVariable("GITHUB_REF_NAME"))
            ?? (fromCheckout ? Git("rev-parse", "--abbrev-ref", "HEAD") is { } b && b != "HEAD" ? b : null : null);
        return new RunToAdd(results, source, commit, branch);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Git(params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info);
            var output = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return git?.ExitCode == 0 ? NonEmpty(output) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git here
        }
    }
}
