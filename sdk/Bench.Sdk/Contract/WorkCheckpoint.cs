namespace Bench.Workloads.Contract;

/// <summary>
/// A safe point inside a CPU-bound kernel: kernels call <see cref="Poll"/> every few microseconds of
/// work (per sieve segment, per few image rows). Normally it does nothing but read a thread-local
/// field. A pacer installed on the thread (the <c>--gil</c> mode's global interpreter lock, which
/// must be released every 5 ms of work, as CPython's switch interval does) gets control there.
/// Thread-local, so threads never see each other's pacer.
/// </summary>
public static class WorkCheckpoint
{
    [ThreadStatic]
    private static IWorkPacer? _pacer;

    /// <summary>The pacer of the calling thread, or null.</summary>
    public static IWorkPacer? Current
    {
        get => _pacer;
        set => _pacer = value;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Poll() => _pacer?.Checkpoint();
}

/// <summary>Gets control at each <see cref="WorkCheckpoint.Poll"/> of the thread it is installed on.</summary>
public interface IWorkPacer
{
    void Checkpoint();
}
