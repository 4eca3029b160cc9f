using System.Diagnostics;

namespace Bench.Harness.Run;

/// <summary>
/// How <c>bench run</c> waits for a cell process. It never waits forever on a process that has nothing
/// left to say: once the cell's result file exists, the process gets <see cref="LingerGrace"/> to exit
/// and is then killed with its tree (a cell abandoned because an item hung in a thread may not manage to
/// exit by itself: a thread cannot be killed, but its process can). A shutdown kills the tree at once.
/// </summary>
internal static class CellProcessWait
{
    public static readonly TimeSpan LingerGrace = TimeSpan.FromSeconds(2);
    private const int PollMilliseconds = 100;

    /// <summary>Waits for the child to exit; returns false when the wait was cut short by <paramref name="cancel"/>.</summary>
    public static bool WaitForExit(Process child, string resultPath, CancellationToken cancel)
    {
        using var onCancel = cancel.Register(() => ShutdownCoordinator.KillTree(child));
        long? resultSeen = null;
        while (!child.WaitForExit(PollMilliseconds))
        {
            if (cancel.IsCancellationRequested)
            {
                ShutdownCoordinator.KillTree(child);
                continue;
            }

            if (File.Exists(resultPath))
            {
                resultSeen ??= Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(resultSeen.Value) > LingerGrace)
                {
                    ShutdownCoordinator.KillTree(child);
                }
            }
        }

        child.WaitForExit(); // drains the redirected output
        return !cancel.IsCancellationRequested;
    }
}
