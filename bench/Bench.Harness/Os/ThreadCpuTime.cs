using System.Runtime.InteropServices;

namespace Bench.Harness.Os;

/// <summary>
/// CPU time consumed by the calling thread, where the OS offers a per-thread clock (Linux, macOS:
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, a system call of well under a microsecond). .NET has no
/// managed API for the current thread's CPU time; <c>ProcessThread.TotalProcessorTime</c> reads /proc and
/// costs far more than the items it would judge.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeLinux = 3;
    private const int ClockThreadCpuTimeMacOS = 16;

    // A property, not a field: Available's initializer calls Probe before later static fields are set.
    private static int Clock => OperatingSystem.IsMacOS() ? ClockThreadCpuTimeMacOS : ClockThreadCpuTimeLinux;

    /// <summary>Whether <see cref="Now"/> measures anything on this OS.</summary>
    public static bool Available { get; } = (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Probe();

    /// <summary>The calling thread's CPU time so far; zero when not <see cref="Available"/>.</summary>
    public static TimeSpan Now()
    {
        if (!Available)
        {
            return TimeSpan.Zero;
        }

        _ = ClockGetTime(Clock, out var spec);
        return TimeSpan.FromTicks(spec.Seconds * TimeSpan.TicksPerSecond + spec.Nanoseconds / 100);
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(Clock, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec spec);
}
