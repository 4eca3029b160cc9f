using Bench.Store.Engines;
using Bench.Store.Schema;
using Xunit.Abstractions;

namespace Bench.Store.Tests;

/// <summary>One schema for both engines, versioned; migrations apply in order; a newer schema is refused in one line.</summary>
public class SchemaTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Stores.Engines), MemberType = typeof(Stores))]
    public void An_older_store_is_migrated_in_order_and_a_newer_one_is_refused(string engine)
    {
        if (Stores.NewDatabase(engine, output) is not { } db)
        {
            return;
        }

        var location = StoreLocation.Parse(db);
        var engineOf = Engine.For(location);
        using (var connection = engineOf.Open())
        {
            // A store made by a Bench that knew only the first migration.
            Assert.Equal(1, SchemaMigrator.Apply(engineOf, connection, Migrations.All.Take(1).ToList()));
        }

        using (var store = RunStore.Open(location))
        {
            Assert.Equal(Migrations.Latest, store.SchemaVersion);
            Assert.Equal(2, Migrations.Latest);
        }

        using (var connection = engineOf.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_version (version, description, applied_utc) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')";
            command.ExecuteNonQuery();
        }

        var newer = Assert.Throws<StoreException>(() => RunStore.Open(location));
        Assert.Contains("schema version 99, newer than this Bench knows (2)", newer.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', newer.Message);
        Assert.Equal(2, Cli.ExitCode(out _, out var error, "history", "list", "--db", db));
        Assert.Contains("newer than this Bench", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrations_are_numbered_one_by_one_from_one()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
    }
}
