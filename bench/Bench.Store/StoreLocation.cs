using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bench.Store;

public enum StoreEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where a store lives, parsed from <c>--db</c>: a file path or <c>sqlite:PATH</c> (SQLite), a
/// <c>postgresql://user:password@host:port/database</c> URL or an Npgsql keyword string (<c>Host=…;Database=…</c>)
/// for PostgreSQL, or a Microsoft.Data.Sqlite keyword string (<c>Data Source=…</c>).
/// <see cref="Display"/> names it without a password, for messages.
/// </summary>
public sealed record StoreLocation(StoreEngine Engine, string ConnectionString, string Display)
{
    public const string DefaultPath = "artifacts/history.db";

    /// <summary>False for a SQLite file that is not there yet (reading verbs refuse it rather than create an empty store at a mistyped path).</summary>
    public bool Exists => Engine != StoreEngine.Sqlite || File.Exists(Display);

    public static StoreLocation Parse(string? text)
    {
        text = string.IsNullOrWhiteSpace(text) ? DefaultPath : text.Trim();
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUrl(text);
        }

        if (HasKeyword(text, "host") || HasKeyword(text, "server"))
        {
            return FromNpgsqlKeywords(text);
        }

        if (HasKeyword(text, "data source") || HasKeyword(text, "datasource") || HasKeyword(text, "filename"))
        {
            return FromSqliteKeywords(text);
        }

        var path = text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? text["sqlite:".Length..] : text;
        if (path.Length == 0)
        {
            throw new StoreException("--db sqlite: needs a file path, e.g. sqlite:artifacts/history.db");
        }

        // 60 s rather than Microsoft.Data.Sqlite's 30: eight writers queued behind each other on a loaded
        // 2-core machine waited up to ≈ 30 s. A keyword string keeps its own "Default Timeout".
        return Sqlite(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60 });
    }

    private static StoreLocation FromSqliteKeywords(string text)
    {
        try
        {
            return Sqlite(new SqliteConnectionStringBuilder(text));
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"--db is not a usable SQLite connection string: {e.Message.Split('\n')[0]}");
        }
    }

    private static StoreLocation Sqlite(SqliteConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new StoreException("--db needs a SQLite file (an in-memory database would forget every run)");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        // One connection per command-line call; a pool would keep the file open after the store is disposed.
        // "Default Timeout" (30 s unless given) is also how long a writer waits for another's transaction
        // before the file counts as locked: Microsoft.Data.Sqlite retries a busy database until then.
        builder.Pooling = false;
        return new StoreLocation(StoreEngine.Sqlite, builder.ToString(), builder.DataSource);
    }

    private static StoreLocation FromPostgresUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StoreException("--db is not a PostgreSQL URL; expected postgresql://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : null,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0]).Replace('_', ' ')] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            catch (ArgumentException)
            {
                throw new StoreException($"--db: unknown PostgreSQL option '{Uri.UnescapeDataString(kv[0])}' in the URL");
            }
        }

        return Postgres(builder);
    }

    private static StoreLocation FromNpgsqlKeywords(string text)
    {
        try
        {
            return Postgres(new NpgsqlConnectionStringBuilder(text));
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"--db is not a usable PostgreSQL connection string: {e.Message.Split('\n')[0]}");
        }
    }

    private static StoreLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        // Npgsql waits 15 s for a connection by default; a loaded runner starting eight at once took longer
        // (a refused connection still fails at once). A URL or keyword string may set its own Timeout.
        if (!builder.ContainsKey("Timeout") || builder.Timeout == 15)
        {
            builder.Timeout = 60;
        }

        // The server's name for the database, never the password.
        var display = $"postgresql://{(builder.Username is { Length: > 0 } user ? user + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";
        return new StoreLocation(StoreEngine.PostgreSql, builder.ToString(), display);
    }

    private static bool HasKeyword(string text, string keyword) =>
        text.Split(';').Any(part => part.Split('=', 2) is [var key, _] && string.Equals(key.Trim(), keyword, StringComparison.OrdinalIgnoreCase));
}
