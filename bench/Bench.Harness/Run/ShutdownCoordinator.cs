using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bench.Harness.Run;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for <c>bench run</c>. The first signal cancels <see cref="Token"/>: the cell
/// in flight has its whole process tree (cell process and workers) killed at once, its result is not
/// journaled, results.json is written for the finished cells, and the run exits 130 (SIGINT) or 143
/// (SIGTERM). A second signal kills the tree in flight and exits at once.
/// </summary>
public sealed partial class ShutdownCoordinator : IDisposable
{
    public const int ExitInterrupted = 130;
    public const int ExitTerminated = 143;

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _log;
    private readonly Lock _gate = new();
    private Process? _active;
    private int _signals;

    private ShutdownCoordinator(TextWriter log) => _log = log;

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static ShutdownCoordinator Install(TextWriter log)
    {
        var coordinator = new ShutdownCoordinator(log);
        coordinator._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => coordinator.OnSignal(c, "SIGINT", ExitInterrupted)));
        coordinator._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => coordinator.OnSignal(c, "SIGTERM", ExitTerminated)));
        return coordinator;
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    public bool Requested => _cancel.IsCancellationRequested;

    /// <summary>130 or 143 once a signal arrived.</summary>
    public int ExitCode { get; private set; }

    public string? Signal { get; private set; }

    /// <summary>The cell process in flight, so that a second signal can kill its tree before exiting.</summary>
    public void Track(Process? process)
    {
        lock (_gate)
        {
            _active = process;
        }
    }

    /// <summary>Simulates a signal (tests and callers without real signals).</summary>
    public void Request(string signal, int exitCode)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Signal = signal;
            ExitCode = exitCode;
            _log.WriteLine($"bench: {signal}: stopping the run (the cell in flight is dropped; finished cells are kept); again to exit at once");
            _cancel.Cancel();
            return;
        }

        _log.WriteLine($"bench: {signal} again: exiting now");
        lock (_gate)
        {
            KillTree(_active);
        }

        Environment.Exit(ExitCode);
    }

    private void OnSignal(PosixSignalContext context, string signal, int exitCode)
    {
        context.Cancel = true; // the run ends itself, in order
        Request(signal, exitCode);
    }

    /// <summary>
    /// Kills a cell process and every descendant. The cell is frozen first (SIGSTOP): a cell of the
    /// processes strategy spawns workers all the time, and one spawned between the enumeration of the
    /// tree and the kill would escape it. Kills are serialized: a second Ctrl+C handled on another
    /// thread while the first one's kill is still walking the tree would otherwise find the cell
    /// process dead, skip its orphaned workers and exit under the first kill's feet.
    /// </summary>
    public static void KillTree(Process? process)
    {
        if (process is null)
        {
            return;
        }

        lock (KillGate)
        {
            KillTreeSerialized(process);
        }
    }

    private static readonly Lock KillGate = new();

    private static void KillTreeSerialized(Process process)
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = kill(process.Id, SIGSTOP);
            }

            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private const int SIGSTOP_LINUX = 19;
    private const int SIGSTOP_MACOS = 17;
    private static readonly int SIGSTOP = OperatingSystem.IsMacOS() ? SIGSTOP_MACOS : SIGSTOP_LINUX;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }
}
