using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bench.Store.Engines;

/// <summary>
/// A SQLite file: write-ahead log (readers never block the writer, and several processes may add runs at
/// once), synchronous=NORMAL (durable at checkpoints, never corrupt), foreign keys on, and every write
/// transaction begun IMMEDIATE so that writers queue on the busy timeout instead of failing on a lock upgrade.
/// </summary>
internal sealed class SqliteEngine(StoreLocation location) : Engine(location)
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;
    private const int SqliteConstraint = 19;

    public override string BinaryType => "BLOB";

    public override DbConnection Open()
    {
        var path = new SqliteConnectionStringBuilder(Location.ConnectionString).DataSource;
        if (Directory.Exists(path))
        {
            throw new StoreException($"{path} is a directory, not a SQLite database file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(Location.ConnectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {connection.DefaultTimeout * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);

    // BEGIN IMMEDIATE already holds the only write lock of the file.
    public override void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
    }

    public override bool TableExists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        command.Parameters.Add(new SqliteParameter("@name", table));
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e && e.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase);

    public override string? Describe(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } =>
            $"{Location.Display} is locked by another process (waited {new SqliteConnectionStringBuilder(Location.ConnectionString).DefaultTimeout} s); try again when it is done",
        SqliteException { SqliteErrorCode: SqliteNotADatabase or SqliteCorrupt } e =>
            $"{Location.Display} is not a usable SQLite database ({FirstLine(e)}): a corrupt or foreign file; move it aside or point --db elsewhere",
        SqliteException { SqliteErrorCode: SqliteCantOpen } e => $"cannot open {Location.Display}: {FirstLine(e)}",
        SqliteException e => $"{Location.Display}: SQLite error: {FirstLine(e)}",
        _ => null,
    };

    private static string FirstLine(SqliteException e) => e.Message.Split('\n')[0].Replace("SQLite Error ", "error ", StringComparison.Ordinal).Trim();

    /// <summary>
    /// One single-row statement, prepared once and bound again for each row: SQLite runs in this process, so
    /// a statement costs no round trip, while a multi-row statement with thousands of named parameters is
    /// prepared anew for every chunk and binds each parameter by a lookup of its name.
    /// </summary>
    public override void InsertRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"@p{i}" })).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }
}
