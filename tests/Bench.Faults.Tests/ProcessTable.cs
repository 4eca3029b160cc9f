using System.Text;

namespace Bench.Faults.Tests;

/// <summary>
/// Reads the process table (/proc): which live processes carry a test run's tag in their environment.
/// Zombies (exited, not yet reaped by whoever inherited them) are not alive and are not counted.
/// </summary>
internal static class ProcessTable
{
    public static List<(int Pid, string Command)> Tagged(string tag)
    {
        var needle = Encoding.UTF8.GetBytes($"{BenchRun.TagVariable}={tag}\0");
        var found = new List<(int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (environ.AsSpan().IndexOf(needle) < 0 || IsZombie(directory))
                {
                    continue;
                }

                var command = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                found.Add((pid, command));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }

        return found;
    }

    /// <summary>Waits up to <paramref name="grace"/> for every tagged process to be gone; fails the test naming the survivors.</summary>
    public static void AssertNoneLeft(string tag, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        List<(int Pid, string Command)> left;
        while ((left = Tagged(tag)).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.True(left.Count == 0, "processes left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.Command}")));
    }

    /// <summary>Clean-up after a failed test, so one failure does not leave processes for the next.</summary>
    public static void KillTagged(string tag)
    {
        foreach (var (pid, _) in Tagged(tag))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
            }
        }
    }

    private static bool IsZombie(string directory)
    {
        // /proc/PID/stat: "pid (comm) S ..."; comm may contain spaces, the state follows the last ')'.
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
    }
}
