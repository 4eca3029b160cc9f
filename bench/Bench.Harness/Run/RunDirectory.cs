using Bench.Harness.Planning;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// OUT of one run, held by this process. A fresh run starts only in a directory that holds no run: none
/// of the names a run writes may exist there, so everything under those names afterwards is this run's
/// and a user's files beside them are never touched (bench deletes nothing in OUT that it did not write).
/// A resumed run continues a directory whose plan.json says what it is.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    /// <summary>What a run writes directly in OUT (run.lock aside: a lone lock file is no run).</summary>
    public static readonly IReadOnlyList<string> RunNames =
    [
        RunPlanRecord.FileName, "journal.jsonl", "launches.jsonl", "results.json", "environment.json", "calibration.json",
        "cells", RunFolders.Bdn, RunFolders.Sequential, "report",
    ];

    private readonly RunDirectoryLock _lock;

    private RunDirectory(string path, RunDirectoryLock directoryLock)
    {
        Path = path;
        _lock = directoryLock;
    }

    public string Path { get; }

    /// <summary>A new directory for a fresh run: created if missing, locked, and refused if it already holds a run.</summary>
    public static RunDirectory CreateFresh(string directory)
    {
        var path = Prepare(directory, "--out");
        var held = RunDirectoryLock.Acquire(path);
        var existing = RunNames.Where(name => System.IO.Path.Exists(System.IO.Path.Combine(path, name))).ToList();
        if (existing.Count > 0)
        {
            held.Dispose();
            throw new RunDirectoryException(
                $"--out {directory} already holds a run ({string.Join(", ", existing.Take(3))}{(existing.Count > 3 ? ", …" : "")}): " +
                $"--resume {directory} continues it; to measure afresh choose another --out or remove it yourself (bench deletes nothing it did not write)");
        }

        return new RunDirectory(path, held);
    }

    /// <summary>An existing run directory, locked for a resumed run.</summary>
    public static RunDirectory OpenForResume(string directory)
    {
        var path = System.IO.Path.GetFullPath(directory);
        if (File.Exists(path) || !Directory.Exists(path))
        {
            throw new RunDirectoryException($"--resume {directory}: no such run directory");
        }

        return new RunDirectory(path, RunDirectoryLock.Acquire(path));
    }

    /// <summary>A unique default directory: artifacts/runs/&lt;UTC timestamp&gt;, with -2, -3 … when two runs start in the same second.</summary>
    public static string DefaultPath(DateTime utcNow)
    {
        var stem = System.IO.Path.Combine("artifacts", "runs", utcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var candidate = stem;
        for (var n = 2; System.IO.Path.Exists(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }

    private static string Prepare(string directory, string option)
    {
        var path = System.IO.Path.GetFullPath(directory);
        if (File.Exists(path))
        {
            throw new RunDirectoryException($"{option} {directory} is a file, not a directory");
        }

        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunDirectoryException($"{option} {directory}: cannot create the directory: {OutputErrors.Cause(e)}");
        }

        return path;
    }

    public void Dispose() => _lock.Dispose();
}
