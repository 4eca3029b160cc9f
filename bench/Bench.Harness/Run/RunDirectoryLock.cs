using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Bench.Harness.Run;

/// <summary>
/// One writer per run directory: OUT/run.lock, locked for the life of the run and released by the
/// kernel when the process ends, however it ends (a stale lock file is harmless). A second
/// <c>bench run</c> or <c>--resume</c> on the same directory is refused, naming the holder's pid.
/// On Linux the lock is a POSIX record lock (fcntl), which the kernel can name the holder of, on top of the
/// shared flock .NET takes when it opens a file; elsewhere an exclusive open, without the pid.
/// </summary>
public sealed partial class RunDirectoryLock : IDisposable
{
    public const string FileName = "run.lock";

    private readonly FileStream _stream;

    private RunDirectoryLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist), or throws a <see cref="RunDirectoryException"/> naming the holder.</summary>
    public static RunDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                OperatingSystem.IsLinux() ? FileShare.ReadWrite : FileShare.None);
        }
        catch (IOException e) when (!OperatingSystem.IsLinux() && e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new RunDirectoryException($"{directory} is in use by another bench run; wait for it to end or choose another --out");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunDirectoryException($"{directory}: cannot write there: {Bench.Results.OutputErrors.Cause(e)}");
        }

        if (OperatingSystem.IsLinux() && TryLock(stream.SafeFileHandle) is { } holder)
        {
            stream.Dispose();
            throw new RunDirectoryException(
                $"{directory} is in use by another bench run (pid {holder}); wait for it to end, stop it, or choose another --out");
        }

        stream.SetLength(0);
        var text = System.Text.Encoding.UTF8.GetBytes(
            $"pid {Environment.ProcessId}\nstarted {DateTimeOffset.UtcNow:O}\n");
        stream.Write(text);
        stream.Flush();
        return new RunDirectoryLock(stream);
    }

    /// <summary>Locks the whole file for writing; returns null when locked, else the pid of the process holding it (0 if unknown).</summary>
    private static unsafe int? TryLock(SafeFileHandle handle)
    {
        var request = new Flock { Type = F_WRLCK, Whence = SEEK_SET, Start = 0, Length = 0 };
        if (fcntl(handle, F_SETLK, &request) == 0)
        {
            return null;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (EACCES or EAGAIN))
        {
            return null; // the file system does not lock (some network mounts): run unguarded rather than not at all
        }

        var probe = new Flock { Type = F_WRLCK, Whence = SEEK_SET, Start = 0, Length = 0 };
        return fcntl(handle, F_GETLK, &probe) == 0 && probe.Type != F_UNLCK ? probe.Pid : 0;
    }

    public void Dispose() => _stream.Dispose(); // closing the file releases the record lock

    // Linux x86-64 and arm64 (glibc and musl): struct flock { short l_type, l_whence; off_t l_start, l_len; pid_t l_pid; }.
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    private const int F_GETLK = 5;
    private const int F_SETLK = 6;
    private const short F_WRLCK = 1;
    private const short F_UNLCK = 2;
    private const short SEEK_SET = 0;
    private const int EACCES = 13;
    private const int EAGAIN = 11;

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int fcntl(SafeFileHandle handle, int command, Flock* argument);
}

/// <summary>The run directory cannot be used as asked (held by another run, holds an earlier run, plan differs): one line, exit code 2.</summary>
public sealed class RunDirectoryException(string message) : Exception(message);
