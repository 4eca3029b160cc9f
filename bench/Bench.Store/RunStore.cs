using System.Data.Common;
using Bench.Results;
using Bench.Store.Engines;
using Bench.Store.Runs;
using Bench.Store.Schema;

namespace Bench.Store;

/// <summary>
/// Runs kept over time (docs/history.md). A run is added whole in one transaction — its machine, its
/// row with the compressed results.json, its cells and samples — or not at all, and a run already in the
/// store is refused. Every failure of the engine (unreachable, locked, corrupt, a newer schema) surfaces as
/// a <see cref="StoreException"/> with one line.
/// </summary>
public sealed class RunStore : IDisposable
{
    private readonly Engine _engine;
    private readonly DbConnection _connection;

    private RunStore(Engine engine, DbConnection connection)
    {
        _engine = engine;
        _connection = connection;
    }

    public StoreLocation Location => _engine.Location;

    /// <summary>Opens the store, creating it or applying missing migrations first.</summary>
    public static RunStore Open(StoreLocation location)
    {
        var engine = Engine.For(location);
        return Guard(engine, () =>
        {
            var connection = engine.Open();
            try
            {
                SchemaMigrator.Apply(engine, connection);
                return new RunStore(engine, connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        });
    }

    /// <summary>The schema version the store is at (for tests and <c>bench history list</c>).</summary>
    public int SchemaVersion => Guard(() => Convert.ToInt32(Scalar($"SELECT MAX(version) FROM {SchemaMigrator.VersionTable}")));

    /// <summary>Adds the runs in one transaction: all of them, or — on any error or a run already stored — none.</summary>
    public IReadOnlyList<StoredRun> Add(IReadOnlyList<RunToAdd> runs) => Guard(() =>
    {
        // Hashing, compressing and laying out rows happen before the write lock: on SQLite every other
        // writer waits while it is held (on a loaded machine, seconds of JIT and serialization inside it made
        // eight concurrent writers exceed the busy timeout).
        var prepared = runs.Select(PreparedRun.Of).ToList();
        var added = new List<StoredRun>();
        using var transaction = _engine.BeginWrite(_connection);
        try
        {
            foreach (var run in prepared)
            {
                added.Add(Insert(transaction, run));
            }

            transaction.Commit();
        }
        catch (Exception e) when (_engine.IsUniqueViolation(e))
        {
            // Another process added one of these runs between this one's check and its insert.
            throw new StoreException($"a run given is already in {Location.Display} (added by another process just now); a history must not hold copies");
        }

        return added;
    });

    public IReadOnlyList<StoredRun> List(RunFilter? filter = null) => Guard(() =>
    {
        filter ??= new RunFilter();
        using var command = _connection.CreateCommand();
        var where = Where(command, filter);
        // The newest N, then oldest first: histories read forwards in time.
        command.CommandText =
            $"SELECT r.run_id, r.machine, m.description, r.host_name, r.commit_sha, r.branch, r.started_utc, r.profile, r.results_schema, r.cell_count, r.source, r.added_utc " +
            $"FROM runs r JOIN machines m ON m.fingerprint = r.machine {where} ORDER BY r.started_utc DESC, r.run_id DESC" +
            (filter.Last is { } last ? $" LIMIT {last}" : "");
        var runs = new List<StoredRun>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                runs.Add(new StoredRun(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), Sql.String(reader, 3), Sql.String(reader, 4), Sql.String(reader, 5),
                    Sql.ReadTime(reader, 6), reader.GetString(7), reader.GetString(8), Sql.Int(reader, 9), Sql.String(reader, 10), Sql.ReadTime(reader, 11)));
            }
        }

        runs.Reverse();
        return runs;
    });

    public IReadOnlyList<StoredMachine> Machines() => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT m.fingerprint, m.description, m.logical_cores, COUNT(r.run_id) FROM machines m LEFT JOIN runs r ON r.machine = m.fingerprint " +
            "GROUP BY m.fingerprint, m.description, m.logical_cores ORDER BY m.logical_cores DESC, m.fingerprint";
        var machines = new List<StoredMachine>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            machines.Add(new StoredMachine(reader.GetString(0), reader.GetString(1), Sql.Int(reader, 2), Sql.Int(reader, 3)));
        }

        return machines;
    });

    /// <summary>The run whose id is <paramref name="idOrPrefix"/> (or starts with it, when only one does), as its results.json would read.</summary>
    public RunResults Export(string idOrPrefix) => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT run_id, document FROM runs WHERE run_id LIKE @prefix ORDER BY run_id LIMIT 2";
        Sql.Add(command, "@prefix", idOrPrefix.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new StoreException($"no run {idOrPrefix} in {Location.Display} (bench history list shows the ids)");
        }

        var id = reader.GetString(0);
        var document = (byte[])reader.GetValue(1);
        if (reader.Read())
        {
            throw new StoreException($"run id prefix {idOrPrefix} is ambiguous in {Location.Display} ({id}, {reader.GetString(0)}, …): give more of it");
        }

        return RunDocument.Decode(document, $"{Location.Display} run {id}");
    });

    /// <summary>The cells of the runs that match, for trends: each with its run's id, in cell order.</summary>
    public IReadOnlyList<StoredCell> Cells(RunFilter? filter = null) => Guard(() =>
    {
        filter ??= new RunFilter();
        using var command = _connection.CreateCommand();
        var where = Where(command, filter);
        var runs = filter.Last is { } last
            ? $"(SELECT r.run_id FROM runs r {where} ORDER BY r.started_utc DESC LIMIT {last})"
            : $"(SELECT r.run_id FROM runs r {where})";
        command.CommandText =
            "SELECT c.run_id, c.cell_index, c.cell_key, c.workload, c.category, c.strategy, c.variant, c.workers, c.parameters, c.status, c.median_ns, c.ci_lower_ns, c.ci_upper_ns, c.ci_level " +
            $"FROM cells c WHERE c.run_id IN {runs} ORDER BY c.run_id, c.cell_index";
        var cells = new List<StoredCell>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cells.Add(new StoredCell(
                reader.GetString(0), Sql.Int(reader, 1), reader.GetString(2), reader.GetString(3), Sql.String(reader, 4), reader.GetString(5), Sql.String(reader, 6),
                Sql.Int(reader, 7), reader.GetString(8), reader.GetString(9), Sql.Double(reader, 10), Sql.Double(reader, 11), Sql.Double(reader, 12), Sql.Double(reader, 13)));
        }

        return cells;
    });

    /// <summary>Rows in each table (tests check that a refused add left nothing behind).</summary>
    public IReadOnlyDictionary<string, long> RowCounts() => Guard(() =>
        new[] { "machines", "runs", "cells", "samples" }.ToDictionary(t => t, t => Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM {t}"))));

    public void Dispose() => _connection.Dispose();

    private StoredRun Insert(DbTransaction transaction, PreparedRun prepared)
    {
        var (run, id, machine, document, cells, samples) = prepared;
        var results = run.Results;
        var existing = Existing(transaction, id);
        if (existing is not null)
        {
            throw new StoreException($"{run.Source} is already in {Location.Display} as run {id} (added {existing}); a history must not hold copies");
        }

        var now = DateTimeOffset.UtcNow;
        using (var command = Command(transaction,
                   "INSERT INTO machines (fingerprint, description, cpu, logical_cores, physical_cores, os, first_seen_utc) " +
                   "VALUES (@fingerprint, @description, @cpu, @logical, @physical, @os, @seen) ON CONFLICT (fingerprint) DO NOTHING"))
        {
            Sql.Add(command, "@fingerprint", machine.Id);
            Sql.Add(command, "@description", machine.Description);
            Sql.Add(command, "@cpu", machine.Cpu);
            Sql.Add(command, "@logical", machine.LogicalCores);
            Sql.Add(command, "@physical", machine.PhysicalCores);
            Sql.Add(command, "@os", machine.Os);
            Sql.Add(command, "@seen", Sql.Time(now));
            command.ExecuteNonQuery();
        }

        using (var command = Command(transaction,
                   "INSERT INTO runs (run_id, machine, host_name, commit_sha, branch, started_utc, completed_utc, profile, results_schema, cell_count, source, added_utc, document) " +
                   "VALUES (@id, @machine, @host, @commit, @branch, @started, @completed, @profile, @schema, @cells, @source, @added, @document)"))
        {
            Sql.Add(command, "@id", id);
            Sql.Add(command, "@machine", machine.Id);
            Sql.Add(command, "@host", results.Environment.MachineName);
            Sql.Add(command, "@commit", run.Commit);
            Sql.Add(command, "@branch", run.Branch);
            Sql.Add(command, "@started", Sql.Time(results.Environment.StartedUtc));
            Sql.Add(command, "@completed", results.CompletedUtc is { } completed ? Sql.Time(completed) : null);
            Sql.Add(command, "@profile", results.Profile);
            Sql.Add(command, "@schema", results.Schema);
            Sql.Add(command, "@cells", results.Cells.Count);
            Sql.Add(command, "@source", run.Source);
            Sql.Add(command, "@added", Sql.Time(now));
            Sql.Add(command, "@document", document);
            command.ExecuteNonQuery();
        }

        _engine.InsertRows(_connection, transaction, "cells", PreparedRun.CellColumns, cells);
        _engine.InsertRows(_connection, transaction, "samples", PreparedRun.SampleColumns, samples);
        return new StoredRun(id, machine.Id, machine.Description, results.Environment.MachineName, run.Commit, run.Branch, results.Environment.StartedUtc,
            results.Profile, results.Schema, results.Cells.Count, run.Source, now);
    }

    private string? Existing(DbTransaction transaction, string id)
    {
        using var command = Command(transaction, "SELECT added_utc, source FROM runs WHERE run_id = @id");
        Sql.Add(command, "@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? $"{reader.GetString(0)} from {Sql.String(reader, 1) ?? "an unnamed source"}" : null;
    }

    private static string Where(DbCommand command, RunFilter filter)
    {
        var conditions = new List<string>();
        if (filter.Machine is { } machine)
        {
            conditions.Add("r.machine LIKE @machine");
            Sql.Add(command, "@machine", machine.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
        }

        if (filter.Branch is { } branch)
        {
            conditions.Add("r.branch = @branch");
            Sql.Add(command, "@branch", branch);
        }

        return conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "";
    }

    private DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private T Guard<T>(Func<T> action) => Guard(_engine, action);

    /// <summary>The engine's errors as one line; a transaction left open by one is rolled back by its disposal.</summary>
    private static T Guard<T>(Engine engine, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (StoreException)
        {
            throw;
        }
        catch (Exception e) when (engine.Describe(e) is { } line)
        {
            throw new StoreException(line);
        }
        catch (IOException e)
        {
            throw new StoreException($"{engine.Location.Display}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"{engine.Location.Display}: {e.Message}");
        }
    }
}
