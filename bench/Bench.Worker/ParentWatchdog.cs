using System.Runtime.InteropServices;
using Bench.Protocol;

namespace Bench.Worker;

/// <summary>
/// Exits the worker when its parent dies. End of stdin already does that between items, but a worker
/// in the middle of a long item would otherwise outlive a harness killed with SIGKILL until the item
/// ends. Polling getppid() is used instead of prctl(PR_SET_PDEATHSIG): the death signal fires when
/// the parent *thread* exits, and .NET starts processes from thread-pool threads that come and go.
/// The harness names the parent it expects (<see cref="WorkerEnvironment.ParentVariable"/>): a parent that dies while
/// the worker is still starting (a JIT worker takes ~100 ms to reach this code) has already handed the
/// worker to init by then, and a watchdog that took getppid() as the reference would guard init.
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

        var parent = int.TryParse(Environment.GetEnvironmentVariable(WorkerEnvironment.ParentVariable), out var expected) ? expected : getppid();
        var thread = new Thread(() =>
        {
            while (getppid() == parent)
            {
                Thread.Sleep(Interval);
            }

            Environment.Exit(137);
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
