using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Bench.Results;

/// <summary>
/// Reads an input file that may be anything a user points at: only a regular file, and only up to
/// <see cref="MaxBytes"/>, checked before anything is read, so a FIFO cannot hang bench, /dev/zero or
/// a sparse 1 GB file cannot exhaust its memory. Every refusal is a <see cref="ResultsFileException"/>
/// with one line naming the file and the reason.
/// </summary>
public static partial class SafeInput
{
    /// <summary>The largest input read: 64 MiB. A results.json of the default matrix with traces is a few MB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The bytes of <paramref name="path"/>, refused unless it is a regular file within <paramref name="limit"/>.</summary>
    public static byte[] ReadBytes(string path, string what, long limit = MaxBytes)
    {
        using var stream = Open(path, what, limit);
        return ReadBounded(stream, path, what, limit);
    }

    /// <summary>The text of <paramref name="path"/> (strict UTF-8), refused unless it is a regular file within <paramref name="limit"/>.</summary>
    public static string ReadText(string path, string what, long limit = MaxBytes)
    {
        var bytes = ReadBytes(path, what, limit);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ResultsFileException($"{path} is not UTF-8 text (not a {what})");
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading after checking it is a regular file within the limit.</summary>
    public static FileStream Open(string path, string what, long limit = MaxBytes)
    {
        if (Directory.Exists(path))
        {
            throw new ResultsFileException($"{path} is a directory, not a {what}");
        }

        if (!File.Exists(path))
        {
            throw new ResultsFileException($"{what} not found: {path}");
        }

        FileStream stream;
        try
        {
            // Opened without blocking: opening a FIFO for reading would otherwise wait for a writer forever.
            stream = OperatingSystem.IsLinux() ? OpenNonBlocking(path) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException($"cannot read {path}: {OutputErrors.Cause(e)}");
        }

        var (regular, length) = Describe(stream);
        if (!regular)
        {
            stream.Dispose();
            throw new ResultsFileException($"{path} is not a regular file (a FIFO, socket or device); give a {what}");
        }

        if (length > limit)
        {
            stream.Dispose();
            throw new ResultsFileException($"{path} has {length} bytes, more than the {limit / (1024 * 1024)} MiB a {what} may have");
        }

        return stream;
    }

    private static byte[] ReadBounded(Stream stream, string path, string what, long limit)
    {
        // The size was checked, but a file can grow while it is read: never take more than the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        try
        {
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > limit)
                {
                    throw new ResultsFileException($"{path} grew past the {limit / (1024 * 1024)} MiB a {what} may have while it was read");
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (IOException e)
        {
            throw new ResultsFileException($"cannot read {path}: {OutputErrors.Cause(e)}");
        }

        return buffer.ToArray();
    }

    private static (bool Regular, long Length) Describe(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (true, stream.Length);
        }

        // statx has one layout on every Linux architecture: stx_mode at byte 28, stx_size at byte 40.
        Span<byte> buffer = stackalloc byte[256];
        unsafe
        {
            fixed (byte* pointer = buffer)
            {
                var handle = stream.SafeFileHandle;
                var added = false;
                handle.DangerousAddRef(ref added);
                try
                {
                    if (statx((int)handle.DangerousGetHandle(), "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, pointer) != 0)
                    {
                        return (true, stream.Length); // an old kernel without statx: length only
                    }
                }
                finally
                {
                    if (added)
                    {
                        handle.DangerousRelease();
                    }
                }
            }
        }

        var mode = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var size = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(buffer[40..]);
        return ((mode & S_IFMT) == S_IFREG, size);
    }

    private static FileStream OpenNonBlocking(string path)
    {
        var fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == EACCES
                ? new UnauthorizedAccessException($"Permission denied : '{path}'")
                : new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} : '{path}'", errno);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private const int O_RDONLY = 0;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int EACCES = 13;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_SIZE = 0x200;
    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
