using System.Runtime.InteropServices;

namespace Bench.Harness.Os;

/// <summary>One kernel counter that <c>perf_event_open</c> can count: its type and config from linux/perf_event.h.</summary>
/// <param name="Name">The results.json field it fills.</param>
public sealed record PerfEvent(string Name, uint Type, ulong Config, bool Hardware)
{
    private const uint Software = 1;
    private const uint HardwareType = 0;

    public static readonly PerfEvent TaskClock = new("taskClockNs", Software, 1, false);
    public static readonly PerfEvent ContextSwitches = new("contextSwitches", Software, 3, false);
    public static readonly PerfEvent CpuMigrations = new("cpuMigrations", Software, 4, false);
    public static readonly PerfEvent MinorPageFaults = new("minorPageFaults", Software, 5, false);
    public static readonly PerfEvent MajorPageFaults = new("majorPageFaults", Software, 6, false);
    public static readonly PerfEvent Cycles = new("cycles", HardwareType, 0, true);
    public static readonly PerfEvent Instructions = new("instructions", HardwareType, 1, true);
    public static readonly PerfEvent CacheMisses = new("cacheMisses", HardwareType, 3, true);

    public static IReadOnlyList<PerfEvent> All { get; } = [TaskClock, ContextSwitches, CpuMigrations, MinorPageFaults, MajorPageFaults, Instructions, Cycles, CacheMisses];
}

/// <summary>
/// The <c>perf_event_open</c> system call (there is no libc wrapper): opens a counter on one thread,
/// counting in user and kernel mode, inherited by the threads and processes that thread creates later.
/// </summary>
public static partial class PerfEventSyscall
{
    private const int AttrSize = 128; // PERF_ATTR_SIZE_VER8; the kernel accepts any size it knows
    private const ulong FlagInherit = 1UL << 1;
    private const ulong FlagExcludeKernel = 1UL << 5;
    private const ulong FlagExcludeHypervisor = 1UL << 6;

    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 298,
        Architecture.Arm64 => 241,
        _ => -1,
    };

    /// <summary>Opens <paramref name="perfEvent"/> on thread <paramref name="tid"/>; returns the descriptor or −errno.</summary>
    public static int Open(PerfEvent perfEvent, int tid)
    {
        if (!OperatingSystem.IsLinux() || SyscallNumber < 0)
        {
            return -38; // ENOSYS
        }

        var attr = new byte[AttrSize];
        BitConverter.TryWriteBytes(attr.AsSpan(0), perfEvent.Type);
        BitConverter.TryWriteBytes(attr.AsSpan(4), (uint)AttrSize);
        BitConverter.TryWriteBytes(attr.AsSpan(8), perfEvent.Config);
        // Hardware counters in user mode only: with perf_event_paranoid 2 (the usual default) that is
        // what an unprivileged process may count. Software ones count both modes: page faults and
        // context switches happen in the kernel.
        var flags = FlagInherit | FlagExcludeHypervisor | (perfEvent.Hardware ? FlagExcludeKernel : 0);
        BitConverter.TryWriteBytes(attr.AsSpan(40), flags);
        var fd = Syscall(SyscallNumber, attr, tid, -1, -1, 0);
        return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The counter's value (its inherited children's included), or null when the read fails.</summary>
    public static unsafe long? Read(int fd)
    {
        long value;
        return ReadCounter(fd, &value, 8) == 8 ? value : null;
    }

    public static void Close(int fd) => _ = CloseFd(fd);

    /// <summary>The errno's name and text, for "not available here" notes.</summary>
    public static string Describe(int negativeErrno) => -negativeErrno switch
    {
        2 => "ENOENT: this machine exposes no such counter",
        13 => "EACCES: not permitted (perf_event_paranoid)",
        1 => "EPERM: not permitted (perf_event_paranoid)",
        38 => "ENOSYS: no perf_event_open here",
        95 => "EOPNOTSUPP: not supported here",
        var e => $"errno {e}",
    };

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, byte[] attr, int pid, int cpu, int groupFd, ulong flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadCounter(int fd, long* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFd(int fd);
}
