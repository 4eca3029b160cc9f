using System.Data.Common;
using System.Globalization;
using Bench.Store.Engines;

namespace Bench.Store.Schema;

/// <summary>Brings a store's schema up to <see cref="Migrations.Latest"/>, or refuses a store whose schema is newer than this Bench.</summary>
internal static class SchemaMigrator
{
    public const string VersionTable = "schema_version";

    /// <summary>Applies the missing migrations in order, each in its own transaction; returns the version the store is at.</summary>
    public static int Apply(Engine engine, DbConnection connection, IReadOnlyList<Migration>? migrations = null)
    {
        migrations ??= Migrations.All;
        var latest = migrations[^1].Version;
        // The common case, a store already current, takes no write lock.
        if (engine.TableExists(connection, VersionTable) && CheckedVersion(engine, connection, null, latest) == latest)
        {
            return latest;
        }

        using var transaction = engine.BeginWrite(connection);
        engine.LockForMigration(connection, transaction);
        Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_utc TEXT NOT NULL)");
        // Another process may have migrated while this one waited for the lock: read again under it.
        var current = CheckedVersion(engine, connection, transaction, latest);
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                Execute(connection, transaction, statement.Replace("{binary}", engine.BinaryType, StringComparison.Ordinal));
            }

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {VersionTable} (version, description, applied_utc) VALUES (@version, @description, @applied)";
            Sql.Add(record, "@version", migration.Version);
            Sql.Add(record, "@description", migration.Description);
            Sql.Add(record, "@applied", Sql.Time(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return latest;
    }

    private static int CheckedVersion(Engine engine, DbConnection connection, DbTransaction? transaction, int latest)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX(version) FROM {VersionTable}";
        var value = command.ExecuteScalar();
        var version = value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        if (version > latest)
        {
            throw new StoreException(
                $"{engine.Location.Display} has store schema version {version}, newer than this Bench knows ({latest}): it was written by a newer Bench; use that one");
        }

        return version;
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
