using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bench.Perf.Workloads;

/// <summary>Small timing helpers shared by the probes.</summary>
internal static class Probe
{
    /// <summary>Best wall time and the process CPU time of that repetition (CPU time is less disturbed by other load).</summary>
    public static (TimeSpan Wall, TimeSpan Cpu) Best(int repetitions, Action action)
    {
        var best = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue);
        for (var r = 0; r < repetitions; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            action();
            var wall = Stopwatch.GetElapsedTime(start);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (wall < best.Wall)
            {
                best = (wall, used);
            }
        }

        return best;
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.OrderBy(t => t).ToArray();
        return sorted[sorted.Length / 2];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Runs a program to completion; null when it cannot be started (not installed).</summary>
    public static (string Output, TimeSpan Cpu, int ExitCode)? Execute(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var before = ChildrenCpu();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            // A reaped child's CPU time is only in getrusage(RUSAGE_CHILDREN); this probe runs one child at a time.
            return (stdout.Result + stderr.Result, ChildrenCpu() - before, process.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    /// <summary>CPU time of all reaped children (Linux); zero elsewhere.</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(-1, out var u) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(u.UserSeconds + u.SystemSeconds) + TimeSpan.FromMicroseconds(u.UserMicroseconds + u.SystemMicroseconds);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("not inside a Bench checkout");
    }
}
