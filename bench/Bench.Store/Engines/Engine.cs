using System.Data.Common;
using System.Text;

namespace Bench.Store.Engines;

/// <summary>
/// What differs between SQLite and PostgreSQL under one schema and one set of SQL statements: how a
/// connection opens, the name of the binary column type, how the migration lock is taken, and how each
/// engine's errors read as one line.
/// </summary>
internal abstract class Engine(StoreLocation location)
{
    public StoreLocation Location { get; } = location;

    /// <summary>The column type of the run's compressed document: BLOB in SQLite, BYTEA in PostgreSQL.</summary>
    public abstract string BinaryType { get; }

    public static Engine For(StoreLocation location) => location.Engine switch
    {
        StoreEngine.Sqlite => new SqliteEngine(location),
        StoreEngine.PostgreSql => new PostgresEngine(location),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <summary>An open connection, ready for the store's statements.</summary>
    public abstract DbConnection Open();

    /// <summary>A write transaction that holds the engine's write lock from its start, so two writers queue instead of failing midway.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Serializes migrations between processes that open a fresh store at once (inside <paramref name="transaction"/>).</summary>
    public abstract void LockForMigration(DbConnection connection, DbTransaction transaction);

    public abstract bool TableExists(DbConnection connection, string table);

    /// <summary>True when <paramref name="exception"/> is a primary-key or unique violation (a run added concurrently by another process).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>The engine's exception as the one line a user reads, or null when it is not the engine's.</summary>
    public abstract string? Describe(Exception exception);

    /// <summary>
    /// Inserts rows in multi-row statements of up to <see cref="RowsPerInsert"/> rows: PostgreSQL answers each
    /// statement over the network, so one statement per row would cost a round trip each.
    /// </summary>
    public virtual void InsertRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    Sql.Add(command, name, chunk[r][c]);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            command.ExecuteNonQuery();
        }
    }

    private const int RowsPerInsert = 400;
}
