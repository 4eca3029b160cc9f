using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Bench.Store.Engines;

/// <summary>
/// A PostgreSQL database shared by a fleet of runners. Read-committed transactions: a run's rows are
/// inserted under its primary key, so two runners adding the same run at once leave one copy (the second
/// waits for the first and then fails on the key). Migrations take a transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresEngine(StoreLocation location) : Engine(location)
{
    /// <summary>An arbitrary constant naming the store's migration lock among the database's advisory locks.</summary>
    private const long MigrationLockKey = 0x42656e6368L; // "Bench"

    private const string UniqueViolation = "23505";

    public override string BinaryType => "BYTEA";

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(Location.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction();

    public override void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        command.ExecuteNonQuery();
    }

    public override bool TableExists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT to_regclass(@name) IS NOT NULL";
        command.Parameters.Add(new NpgsqlParameter("@name", table));
        return command.ExecuteScalar() is true;
    }

    public override bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: UniqueViolation };

    public override string? Describe(Exception exception) => exception switch
    {
        PostgresException e => $"PostgreSQL {Location.Display}: {e.SqlState}: {e.MessageText}",
        NpgsqlException { InnerException: SocketException s } => $"cannot reach PostgreSQL at {Location.Display}: {s.Message}",
        NpgsqlException { InnerException: TimeoutException } => $"cannot reach PostgreSQL at {Location.Display}: no answer within the connection timeout",
        NpgsqlException e => $"PostgreSQL {Location.Display}: {e.Message.Split('\n')[0]}",
        _ => null,
    };
}
