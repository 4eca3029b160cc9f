using System.Runtime.InteropServices;

namespace Bench.Workloads.Sync;

/// <summary>
/// The counter's <c>sync=mutex</c>: one lock shared by every worker process of a cell, like the lock
/// of the guide's <c>multiprocessing.Value</c> (a POSIX semaphore in CPython).
/// <para>
/// On Linux it is exactly that: an unnamed, process-shared POSIX semaphore (<c>sem_init</c> with
/// pshared = 1, initial value 1) placed in the cell's memory-mapped counter file, so every process
/// that maps the file waits on the same futex. A named <see cref="Mutex"/> was used first, and it is
/// cross-process only under the JIT runtime: in the NativeAOT worker — what <c>bench run</c> starts
/// by default — it is private to each process, and increments were lost "under a lock".
/// Elsewhere the named <see cref="Mutex"/> remains (Windows shares it across processes).
/// </para>
/// </summary>
public interface ICrossProcessLock : IDisposable
{
    void Enter();

    void Exit();
}

/// <summary>Creates and opens the lock that lives at a fixed place of a <see cref="SharedCounterFile"/>.</summary>
public static unsafe class CrossProcessLock
{
    /// <summary>Bytes reserved in the mapping; glibc's <c>sem_t</c> is 32 bytes on 64-bit targets.</summary>
    public const int ReservedBytes = 64;

    private static bool UsesSemaphore => OperatingSystem.IsLinux();

    /// <summary>Called once by the session that created the file, before any worker opens the lock.</summary>
    public static void Initialize(byte* place)
    {
        if (UsesSemaphore && SemaphoreNative.Init(place, 1, 1) != 0)
        {
            throw new IOException($"sem_init failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>Called by the session that created the file, after every worker is done with it.</summary>
    public static void Destroy(byte* place)
    {
        if (UsesSemaphore)
        {
            _ = SemaphoreNative.Destroy(place);
        }
    }

    /// <summary>The lock of one runner: the semaphore at <paramref name="place"/>, or the named mutex.</summary>
    public static ICrossProcessLock Open(byte* place, string mutexName) =>
        UsesSemaphore ? new SharedSemaphore(place) : new NamedMutex(mutexName);

    private sealed class SharedSemaphore(byte* place) : ICrossProcessLock
    {
        public void Enter()
        {
            while (SemaphoreNative.Wait(place) != 0)
            {
                const int interrupted = 4; // EINTR: a signal arrived while waiting; wait again
                var errno = Marshal.GetLastPInvokeError();
                if (errno != interrupted)
                {
                    throw new IOException($"sem_wait failed (errno {errno})");
                }
            }
        }

        public void Exit()
        {
            if (SemaphoreNative.Post(place) != 0)
            {
                throw new IOException($"sem_post failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }

        public void Dispose()
        {
            // The semaphore belongs to the mapping; the session destroys it.
        }
    }

    private sealed class NamedMutex(string name) : ICrossProcessLock
    {
        // Opens the session's mutex if another process created it first: one lock for every worker.
        private readonly Mutex _mutex = new(initiallyOwned: false, name);

        public void Enter() => _mutex.WaitOne();

        public void Exit() => _mutex.ReleaseMutex();

        public void Dispose() => _mutex.Dispose();
    }
}

internal static unsafe partial class SemaphoreNative
{
    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    public static partial int Init(byte* semaphore, int processShared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_destroy", SetLastError = true)]
    public static partial int Destroy(byte* semaphore);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    public static partial int Wait(byte* semaphore);

    [LibraryImport("libc", EntryPoint = "sem_post", SetLastError = true)]
    public static partial int Post(byte* semaphore);
}
