using System.Runtime.InteropServices;

namespace Bench.Worker;

/// <summary>
/// Exits the worker when its parent dies. End of stdin already does that between items, but a worker
/// in the middle of a long item would otherwise outlive a harness killed with SIGKILL until the item
/// ends. Polling getppid() is used instead of prctl(PR_SET_PDEATHSIG): the death signal fires when
/// the parent *thread* exits, and .NET starts processes from thread-pool threads that come and go.
/// </summary>
internal static partial class ParentWatchdog
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static void Start()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var parent = getppid();
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(Interval);
                if (getppid() != parent)
                {
                    Environment.Exit(137);
                }
            }
        })
        {
            IsBackground = true,
            Name = "parent-watchdog",
        };
        thread.Start();
    }

    [LibraryImport("libc")]
    private static partial int getppid();
}
