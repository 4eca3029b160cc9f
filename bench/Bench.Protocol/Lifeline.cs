using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Protocol;

/// <summary>
/// The one lifeline between a Bench process and the child it starts (a cell process from <c>bench run</c>,
/// a worker from a cell process): the child exits as soon as its parent is gone, so that a run killed
/// with SIGKILL leaves no process behind, even one busy in a long item.
/// The parent names itself in the child's environment (<see cref="Hold"/>): a parent that dies while the
/// child is still starting has already handed it to init (or a subreaper) by the time the child looks, and a
/// child that took its first <c>getppid()</c> as the reference would guard that process instead.
/// <c>getppid()</c> is polled rather than <c>prctl(PR_SET_PDEATHSIG)</c>, whose signal fires when the parent
/// <em>thread</em> exits, and .NET starts processes from thread-pool threads that come and go.
/// </summary>
public static partial class Lifeline
{
    /// <summary>The variable that carries the parent's process id.</summary>
    public const string ParentVariable = "BENCH_PARENT";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Parent side: ties the child started from <paramref name="info"/> to this process.</summary>
    public static void Hold(ProcessStartInfo info) =>
        info.Environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Child side: runs <paramref name="lost"/> on a background thread once the parent is gone, then exits
    /// with 137 (as if killed), unless <paramref name="lost"/> exited first.
    /// </summary>
    public static void Watch(Action? lost = null)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var parent = int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), out var named) ? named : getppid();
        // Not inherited: a child this process starts without Hold must not take our parent for its own.
        Environment.SetEnvironmentVariable(ParentVariable, null);
        var thread = new Thread(() =>
        {
            while (getppid() == parent)
            {
                Thread.Sleep(Interval);
            }

            lost?.Invoke();
            Environment.Exit(137);
        })
        {
            IsBackground = true,
            Name = "lifeline",
        };
        thread.Start();
    }

    [LibraryImport("libc")]
    private static partial int getppid();
}
