using System.Runtime.InteropServices;

namespace Bench.Cli;

/// <summary>
/// A shell starts background jobs of a non-interactive script (<c>bash -c 'bench run … &amp; wait'</c>, CI
/// steps, nohup) with SIGINT ignored, and .NET keeps an inherited "ignore": its signal handling skips an
/// ignored SIGINT, so <c>kill -INT</c> and Ctrl+C would do nothing. bench is an interactive tool, not a
/// daemon: it puts SIGINT back to the default action before the runtime installs its handlers (the first
/// use of Console, Process or PosixSignalRegistration), so that bench run's handler sees the signal.
/// </summary>
internal static partial class InheritedSignals
{
    private const int SIGINT = 2;
    private static readonly nint SigDfl = 0;
    private static readonly nint SigIgn = 1;

    public static void RestoreInterrupt()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }

        // struct sigaction begins with the handler on Linux and macOS; the buffer is larger than either.
        Span<byte> old = stackalloc byte[512];
        unsafe
        {
            fixed (byte* buffer = old)
            {
                if (sigaction(SIGINT, null, buffer) != 0 || *(nint*)buffer != SigIgn)
                {
                    return; // not ignored: leave whatever the runtime set up alone
                }
            }
        }

        _ = signal(SIGINT, SigDfl);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sigaction(int signal, byte* action, byte* oldAction);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint signal(int signal, nint handler);
}
