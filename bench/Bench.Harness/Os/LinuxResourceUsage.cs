using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Harness.Os;

/// <summary>
/// Reads what Linux knows about a process's resources: <c>getrusage</c> for this process and its reaped
/// children (microsecond CPU times), <c>/proc/PID/stat</c> and <c>/proc/PID/status</c> for a live
/// process (CPU in clock ticks, usually 10 ms; memory and context switches exact). Every reader returns
/// null where the OS does not provide the figure (other OSes, a process that already exited).
/// </summary>
public static class LinuxResourceUsage
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    /// <summary>Linux's USER_HZ: the unit of utime/stime in /proc/PID/stat. 100 on every mainstream architecture.</summary>
    private const double NanosecondsPerTick = 1e9 / 100;

    public static bool Available { get; } = OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    /// <summary>CPU time and counters of this process (all its threads, living and dead).</summary>
    public static ResourceCounters? Self() => Read(RusageSelf);

    /// <summary>Totals over every child that has exited and been waited for (the kernel accumulates them).</summary>
    public static ResourceCounters? ReapedChildren() => Read(RusageChildren);

    /// <summary>A live process's CPU time (10 ms resolution) and context switches summed over its threads.</summary>
    public static ResourceCounters? Live(int pid)
    {
        if (!Available)
        {
            return null;
        }

        try
        {
            // Fields after the parenthesized command name; utime and stime are fields 14 and 15 of the line.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture) * NanosecondsPerTick;
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture) * NanosecondsPerTick;

            // /proc/PID/status counts context switches of the main thread only: sum over the threads.
            long voluntary = 0, involuntary = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var status = StatusFields(Path.Combine(task, "status"));
                voluntary += status.GetValueOrDefault("voluntary_ctxt_switches");
                involuntary += status.GetValueOrDefault("nonvoluntary_ctxt_switches");
            }

            return new ResourceCounters(user, system, voluntary, involuntary, MaxRssBytes: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // exited between listing and reading
        }
    }

    /// <summary>VmHWM (peak resident set) of a process in bytes, or null.</summary>
    public static long? PeakRssBytes(int pid) =>
        Available && StatusFields($"/proc/{pid}/status").TryGetValue("VmHWM", out var kib) ? kib * 1024 : null;

    /// <summary>
    /// A process's memory from <c>/proc/PID/smaps_rollup</c> (Linux ≥ 4.14): PSS and its private part, or
    /// null where the file is missing or unreadable (another OS, an exited process).
    /// </summary>
    public static ProcessMemory? Memory(int pid)
    {
        if (!Available)
        {
            return null;
        }

        var fields = StatusFields($"/proc/{pid}/smaps_rollup");
        if (!fields.TryGetValue("Pss", out var pss))
        {
            return null;
        }

        var rss = fields.GetValueOrDefault("Rss");
        var privatePages = fields.GetValueOrDefault("Private_Clean") + fields.GetValueOrDefault("Private_Dirty");
        return new ProcessMemory(rss * 1024, pss * 1024, privatePages * 1024);
    }

    /// <summary>
    /// The memory of a set of processes counted once: the sum of their PSS (a page shared by k processes
    /// adds 1/k to each), with the private part (USS) and the shared part (PSS − USS) apart. Null when
    /// none of them could be read.
    /// </summary>
    public static TreeMemory? Memory(IEnumerable<int> pids)
    {
        long rss = 0, pss = 0, unique = 0;
        var read = 0;
        foreach (var pid in pids.Distinct())
        {
            if (Memory(pid) is { } memory)
            {
                rss += memory.RssBytes;
                pss += memory.PssBytes;
                unique += memory.UssBytes;
                read++;
            }
        }

        return read == 0 ? null : new TreeMemory(rss, pss, unique, read);
    }

    /// <summary>PID of this process, as /proc names it.</summary>
    public static int SelfPid => Environment.ProcessId;

    /// <summary>
    /// Resets a process's VmHWM to its current RSS (Linux ≥ 4.0: write "5" to clear_refs), so that the
    /// next reading is the peak of the interval that follows. Returns false where that is not allowed.
    /// </summary>
    public static bool ResetPeakRss(int pid)
    {
        if (!Available)
        {
            return false;
        }

        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Dictionary<string, long> StatusFields(string path)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                var value = line[(colon + 1)..].Trim();
                var space = value.IndexOf(' ');
                if (long.TryParse(space > 0 ? value[..space] : value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    fields[line[..colon]] = number;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone: no fields.
        }

        return fields;
    }

    private static ResourceCounters? Read(int who)
    {
        if (!Available)
        {
            return null;
        }

        if (getrusage(who, out var usage) != 0)
        {
            return null;
        }

        return new ResourceCounters(
            usage.UserSeconds * 1e9 + usage.UserMicroseconds * 1e3,
            usage.SystemSeconds * 1e9 + usage.SystemMicroseconds * 1e3,
            usage.VoluntaryContextSwitches,
            usage.InvoluntaryContextSwitches,
            usage.MaxRssKilobytes * 1024);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKilobytes;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntaryContextSwitches;
        public long InvoluntaryContextSwitches;
    }
}

/// <summary>One process's memory from smaps_rollup, in bytes.</summary>
/// <param name="UssBytes">Private pages (Private_Clean + Private_Dirty): what the process alone holds.</param>
public sealed record ProcessMemory(long RssBytes, long PssBytes, long UssBytes);

/// <summary>Processes' memory summed: RSS (shared pages once per process), PSS (once in all) and USS.</summary>
public sealed record TreeMemory(long RssBytes, long PssBytes, long UssBytes, int Processes)
{
    /// <summary>The processes' share of pages they map with others (PSS − USS).</summary>
    public long SharedBytes => PssBytes - UssBytes;
}

/// <summary>Cumulative counters of one process (or of its reaped children) at one moment.</summary>
/// <param name="MaxRssBytes">getrusage's ru_maxrss (lifetime peak; of the largest child for children); 0 for /proc readings.</param>
public sealed record ResourceCounters(double UserNs, double SystemNs, long Voluntary, long Involuntary, long MaxRssBytes)
{
    public double CpuNs => UserNs + SystemNs;

    public static ResourceCounters Zero { get; } = new(0, 0, 0, 0, 0);

    public ResourceCounters Minus(ResourceCounters earlier) =>
        new(UserNs - earlier.UserNs, SystemNs - earlier.SystemNs, Voluntary - earlier.Voluntary, Involuntary - earlier.Involuntary, MaxRssBytes);

    public ResourceCounters Plus(ResourceCounters other) =>
        new(UserNs + other.UserNs, SystemNs + other.SystemNs, Voluntary + other.Voluntary, Involuntary + other.Involuntary, Math.Max(MaxRssBytes, other.MaxRssBytes));
}
