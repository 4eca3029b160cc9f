using Bench.Results;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>
/// Every way a store or a run can be unusable is one line on stderr and exit code 2, and leaves the store
/// as it was: a corrupt or foreign file, a file locked by another writer, an unreachable PostgreSQL, a run
/// that does not parse.
/// </summary>
public class BadInputTests(ITestOutputHelper output)
{
    [Fact]
    public void A_corrupt_database_file_is_one_line_and_exit_2()
    {
        var db = Path.Combine(Stores.TempDirectory("corrupt"), "history.db");
        File.WriteAllText(db, "this is not a SQLite database, just text that happens to be here\n" + new string('x', 5000));
        var before = File.ReadAllBytes(db);

        var code = Cli.ExitCode(out _, out var error, "history", "add", "--db", db, Stores.Fixture("results-real.json"));

        output.WriteLine(error);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("not a usable SQLite database", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void Reading_a_store_that_is_not_there_is_one_line_and_creates_nothing()
    {
        var db = Path.Combine(Stores.TempDirectory("missing"), "typo.db");
        foreach (var verb in new[] { "list", "report" })
        {
            Assert.Equal(2, Cli.ExitCode(out _, out var error, "history", verb, "--db", db));
            Assert.Contains($"no store at {db}", error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(db));
    }

    [Fact]
    public void A_database_locked_by_another_writer_is_one_line_and_exit_2_and_nothing_is_added()
    {
        var db = Path.Combine(Stores.TempDirectory("locked"), "history.db");
        Assert.Equal(0, Cli.ExitCode(out _, out _, "history", "add", "--db", db, Stores.Fixture("results-real.json")));
        using var holder = new SqliteConnection($"Data Source={db};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        // A one-second busy timeout instead of the default 30 s.
        var code = Cli.ExitCode(out _, out var error, "history", "add", "--db", $"Data Source={db};Default Timeout=1", Stores.Fixture("results-full.json"));
        output.WriteLine(error);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("is locked by another process", error, StringComparison.Ordinal);

        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        using var store = Stores.Open(db);
        Assert.Single(store.List());
    }

    [Fact]
    public void An_unreachable_postgresql_is_one_line_and_exit_2()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var code = Cli.ExitCode(out _, out var error, "history", "list", "--db", $"postgresql://bench:secret@127.0.0.1:{port}/history");
        output.WriteLine(error);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains($"cannot reach PostgreSQL at postgresql://bench@127.0.0.1:{port}/history", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void A_run_that_fails_to_parse_adds_nothing_not_even_the_good_runs_beside_it(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var directory = Stores.TempDirectory("bad-run");
        var truncated = Path.Combine(directory, "truncated.json");
        var text = File.ReadAllText(Stores.Fixture("results-real.json"));
        File.WriteAllText(truncated, text[..(text.Length / 2)]);
        var foreign = Path.Combine(directory, "foreign.json");
        File.WriteAllText(foreign, """{"schema": "something-else/7", "cells": []}""");

        foreach (var bad in new[] { truncated, foreign, Path.Combine(directory, "missing.json"), directory })
        {
            var code = Cli.ExitCode(out _, out var error, "history", "add", "--db", db, Stores.Fixture("results-full.json"), bad);
            output.WriteLine(error.TrimEnd());
            Assert.Equal(2, code);
            Assert.Single(error.TrimEnd().Split('\n'));
        }

        using var store = Stores.Open(db);
        Assert.Empty(store.List());
        Assert.All(store.RowCounts().Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Adding_a_copy_from_the_command_line_is_exit_2_naming_the_stored_run()
    {
        var db = Path.Combine(Stores.TempDirectory("copy"), "history.db");
        var copy = Path.Combine(Stores.TempDirectory("copy-file"), "results.json");
        File.Copy(Stores.Fixture("results-real.json"), copy);
        Assert.Equal(0, Cli.ExitCode(out var added, out _, "history", "add", "--db", db, Stores.Fixture("results-real.json")));
        var code = Cli.ExitCode(out _, out var error, "history", "add", "--db", db, Path.GetDirectoryName(copy)!);
        output.WriteLine(added + error);
        Assert.Equal(2, code);
        Assert.Contains("is already in", error, StringComparison.Ordinal);
        Assert.Contains(ResultsFile.Read(copy).Cells.Count.ToString(), added, StringComparison.Ordinal);
    }
}
