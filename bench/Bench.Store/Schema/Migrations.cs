namespace Bench.Store.Schema;

/// <summary>
/// The store's schema, as the ordered steps that build it (docs/history.md, "Schema"). A store records the
/// steps applied in schema_version; opening it applies the missing ones in order, and a store with a step
/// this Bench does not know is refused. Never edit a released step: add the next one.
/// One text for both engines: SQLite takes PostgreSQL's type names (BIGINT, DOUBLE PRECISION) by affinity.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "machines, runs (each with its whole results.json), cells and samples",
        [
            """
            CREATE TABLE machines (
                fingerprint TEXT PRIMARY KEY,
                description TEXT NOT NULL,
                cpu TEXT NOT NULL,
                logical_cores INTEGER NOT NULL,
                physical_cores INTEGER,
                os TEXT NOT NULL,
                first_seen_utc TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                machine TEXT NOT NULL REFERENCES machines (fingerprint),
                host_name TEXT,
                commit_sha TEXT,
                branch TEXT,
                started_utc TEXT NOT NULL,
                completed_utc TEXT,
                profile TEXT NOT NULL,
                results_schema TEXT NOT NULL,
                cell_count INTEGER NOT NULL,
                source TEXT,
                added_utc TEXT NOT NULL,
                document {binary} NOT NULL
            )
            """,
            """
            CREATE TABLE cells (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                cell_index INTEGER NOT NULL,
                cell_key TEXT NOT NULL,
                workload TEXT NOT NULL,
                category TEXT,
                strategy TEXT NOT NULL,
                variant TEXT,
                workers INTEGER NOT NULL,
                parameters TEXT NOT NULL,
                status TEXT NOT NULL,
                median_ns DOUBLE PRECISION,
                ci_lower_ns DOUBLE PRECISION,
                ci_upper_ns DOUBLE PRECISION,
                ci_level DOUBLE PRECISION,
                sample_count INTEGER NOT NULL,
                launch_count INTEGER NOT NULL,
                PRIMARY KEY (run_id, cell_index)
            )
            """,
            """
            CREATE TABLE samples (
                run_id TEXT NOT NULL,
                cell_index INTEGER NOT NULL,
                sample_index INTEGER NOT NULL,
                launch_index INTEGER NOT NULL,
                value_ns DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (run_id, cell_index, sample_index),
                FOREIGN KEY (run_id, cell_index) REFERENCES cells (run_id, cell_index) ON DELETE CASCADE
            )
            """,
        ]),
        new(2, "indexes for a machine's runs on a branch and for a cell over time",
        [
            "CREATE INDEX runs_by_machine_branch ON runs (machine, branch, started_utc)",
            "CREATE INDEX cells_by_key ON cells (cell_key, run_id)",
        ]),
    ];

    public static int Latest => All[^1].Version;
}
