using System.Text.RegularExpressions;

namespace Bench.Workloads.Fixtures;

/// <summary>
/// Removes the fixtures of cells whose process was killed outright (SIGKILL, a crash, a second Ctrl+C):
/// such a process never reaches its Dispose, so its file-io temp directory or its shared-memory file in
/// /dev/shm (a whole image: 64 MiB at the default size) would stay until reboot. Every fixture's name
/// carries the id of the process that made it — <c>bench-{kind}-{pid}-{random}</c> — and one whose
/// process is gone is a leftover. A live or reused pid is left alone: deleting a fixture in use would be
/// worse than leaving one behind.
/// </summary>
public static partial class LeftoverFixtures
{
    /// <summary>The places fixtures are made in: /dev/shm (mapped files) and the temp directory (both kinds).</summary>
    public static IReadOnlyList<string> Places =>
        new[] { "/dev/shm", Path.GetTempPath() }.Where(Directory.Exists).Distinct().ToList();

    /// <summary>The name prefix of a fixture made by the current process.</summary>
    public static string Prefix(string kind) => $"bench-{kind}-{Environment.ProcessId}-";

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
                var match = FixtureName().Match(Path.GetFileName(path));
                if (!match.Success || !int.TryParse(match.Groups["pid"].Value, out var pid) || Directory.Exists($"/proc/{pid}"))
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

    [GeneratedRegex(@"^bench-(file-io|image|counter)-(?<pid>[0-9]+)-")]
    private static partial Regex FixtureName();
}
