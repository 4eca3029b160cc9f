namespace Bench.Workloads.Fixtures;

/// <summary>
/// Removes the fixtures of cells whose process was killed outright (SIGKILL, a crash, a second Ctrl+C):
/// such a process never reaches its Dispose, so its file-io temp directory or its shared-memory file in
/// /dev/shm (a whole image: 64 MiB at the default size) would stay until reboot. Every fixture's name
/// carries the id of the process that made it — <c>bench-{kind}-{pid}-{random}</c> — and one whose
/// process is gone is a leftover. A live or reused pid is left alone: deleting a fixture in use would be
/// worse than leaving one behind.
/// </summary>
public static class LeftoverFixtures
{
    public const string FileIo = "file-io";
    public const string Image = "image";
    public const string Counter = "counter";

    /// <summary>The kind for fixtures of workloads outside Bench (a user's assembly): swept like the built-in ones.</summary>
    public const string Workload = "workload";

    /// <summary>Every kind of fixture; <see cref="Prefix"/> refuses others, so a new kind cannot escape the sweep.</summary>
    private static readonly string[] Kinds = [FileIo, Image, Counter, Workload];

    /// <summary>The places fixtures are made in: /dev/shm (mapped files) and the temp directory (both kinds).</summary>
    public static IReadOnlyList<string> Places =>
        new[] { SharedMemory.MappedFile.SharedDirectory, "/dev/shm", Path.GetTempPath() }.Where(Directory.Exists).Distinct().ToList();

    /// <summary>The name prefix of a fixture made by the current process.</summary>
    public static string Prefix(string kind) => Kinds.Contains(kind)
        ? $"bench-{kind}-{Environment.ProcessId}-"
        : throw new ArgumentException($"'{kind}' is not a fixture kind the sweep knows ({string.Join(", ", Kinds)})", nameof(kind));

    /// <summary>Deletes the leftovers of dead processes in <paramref name="places"/>; returns what it removed. Linux only (it asks /proc).</summary>
    public static IReadOnlyList<string> Sweep(IEnumerable<string>? places = null)
    {
        var removed = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return removed;
        }

        foreach (var place in places ?? Places)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(place, "bench-*"))
            {
                if (OwnerPid(Path.GetFileName(path)) is not { } pid || Directory.Exists($"/proc/{pid}"))
                {
                    continue;
                }

                try
                {
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                    }
                    else
                    {
                        File.Delete(path);
                    }

                    removed.Add(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or being removed by someone else: not ours to insist on.
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Deletes this process's own fixtures: the way out for a cell process that cannot run its sessions'
    /// Dispose (its run died; an item hung in a thread). Workers that still map a file keep their mapping.
    /// </summary>
    public static void RemoveOwn()
    {
        foreach (var place in Places)
        {
            foreach (var kind in Kinds)
            {
                try
                {
                    foreach (var path in Directory.EnumerateFileSystemEntries(place, Prefix(kind) + "*"))
                    {
                        if (Directory.Exists(path))
                        {
                            Directory.Delete(path, recursive: true);
                        }
                        else
                        {
                            File.Delete(path);
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort on the way out; the next run's sweep takes what is left.
                }
            }
        }
    }

    /// <summary>The PID in "bench-{kind}-{pid}-…" for a known kind; null for any other name.</summary>
    private static int? OwnerPid(string name)
    {
        foreach (var kind in Kinds)
        {
            var prefix = $"bench-{kind}-";
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name.AsSpan(prefix.Length);
            var dash = rest.IndexOf('-');
            return dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }

        return null;
    }
}
