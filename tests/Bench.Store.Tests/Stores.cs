using Bench.Results;
using Bench.Store.Runs;
using Npgsql;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>
/// A fresh, empty store per test on either engine: a SQLite file in a temporary folder, or a new database in
/// the PostgreSQL cluster whose connection string is in BENCH_TEST_POSTGRES (.ci/run starts one). Without that
/// variable the PostgreSQL cases pass with a note — except under CI=true, where they fail: CI must not stop
/// testing the fleet's engine silently.
/// </summary>
internal static class Stores
{
    public const string PostgresVariable = "BENCH_TEST_POSTGRES";

    public static readonly TheoryData<string> Engines = new() { "sqlite", "postgres" };

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static string TempDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bench-store-tests-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A --db value for an empty store on <paramref name="engine"/>, or null (after a note) where PostgreSQL is not configured outside CI.</summary>
    public static string? NewDatabase(string engine, ITestOutputHelper output)
    {
        if (engine == "sqlite")
        {
            return Path.Combine(TempDirectory("sqlite"), "history.db");
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"{PostgresVariable} is not set and CI=true: .ci/run must start PostgreSQL (.ci/postgres.sh) for the store's tests.");
            output.WriteLine($"skipped on PostgreSQL: {PostgresVariable} is not set (outside CI the PostgreSQL cases are optional)");
            return null;
        }

        var name = $"bench_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static RunStore Open(string db) => RunStore.Open(StoreLocation.Parse(db));

    public static RunToAdd ToAdd(RunResults results, string? commit = null, string? branch = "main", string source = "test") => new(results, source, commit, branch);
}
