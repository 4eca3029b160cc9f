using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Bench.Results;

namespace Bench.Harness.Machine;

/// <summary>
/// Describes the machine a run measures. Every field is read from the OS where it is readable and left
/// null where it is not — never guessed.
/// </summary>
public static class EnvironmentProbe
{
    public static EnvironmentInfo Capture(string workerBuild, DateTimeOffset startedUtc, int? workerVectorBits = null) => new()
    {
        Os = RuntimeInformation.OSDescription,
        Kernel = ReadFirstLine("/proc/sys/kernel/osrelease"),
        Cpu = CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        LogicalCores = Environment.ProcessorCount,
        PhysicalCores = PhysicalCoreCount(),
        Governor = ReadFirstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"),
        Runtime = RuntimeInformation.FrameworkDescription,
        GcMode = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        WorkerBuild = workerBuild,
        VectorBits = Bench.Workloads.Contract.VectorWidth.Bits(),
        WorkerVectorBits = workerVectorBits,
        GitCommit = GitCommit(),
        HarnessVersion = typeof(EnvironmentProbe).Assembly.GetName().Version?.ToString(3),
        StartedUtc = startedUtc,
        LoadAverage1m = LoadAverage(),
        MachineName = Environment.MachineName,
        InjectedSlowdown = Environment.GetEnvironmentVariable(Bench.Workloads.Testing.InjectedSlowdown.VariableName) is { Length: > 0 } injected ? injected : null,
    };

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static string? CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Distinct (physical id, core id) pairs in /proc/cpuinfo.</summary>
    internal static int? PhysicalCoreCount()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return null;
        }

        var cores = new HashSet<(string, string)>();
        string physical = "0", core = "";
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2)
            {
                if (core.Length > 0)
                {
                    cores.Add((physical, core));
                }

                physical = "0";
                core = "";
                continue;
            }

            switch (parts[0].Trim())
            {
                case "physical id":
                    physical = parts[1].Trim();
                    break;
                case "core id":
                    core = parts[1].Trim();
                    break;
            }
        }

        if (core.Length > 0)
        {
            cores.Add((physical, core));
        }

        return cores.Count > 0 ? cores.Count : null;
    }

    private static double? LoadAverage()
    {
        var line = ReadFirstLine("/proc/loadavg");
        return line is not null && double.TryParse(line.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    /// <summary>The commit of the checkout the harness was built from, found by walking up from the binaries.</summary>
    private static string? GitCommit()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                // A worktree or submodule has a .git file pointing at the repository, not a folder.
                var dotGit = Path.Combine(dir.FullName, ".git");
                if (!Directory.Exists(dotGit) && !File.Exists(dotGit))
                {
                    continue;
                }

                try
                {
                    var info = new ProcessStartInfo("git", ["-C", dir.FullName, "rev-parse", "HEAD"])
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                    };
                    using var git = Process.Start(info);
                    var output = git?.StandardOutput.ReadToEnd().Trim();
                    git?.WaitForExit();
                    return git?.ExitCode == 0 && !string.IsNullOrEmpty(output) ? output : null;
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    return null; // no git on this machine
                }
            }
        }

        return null;
    }
}
