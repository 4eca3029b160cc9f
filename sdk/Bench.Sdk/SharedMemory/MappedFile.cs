using System.IO.MemoryMappedFiles;

namespace Bench.Workloads.SharedMemory;

/// <summary>
/// A file mapped into memory, shared by the harness and its worker processes (the guide's shared-memory
/// section). It lives in /dev/shm (memory-backed) where that exists, else in the temp directory, or in
/// <see cref="DirectoryVariable"/> when set. The creator owns the file (mode 0600) and deletes it on
/// dispose (also when mapping fails); openers only map it and check its length, so a worker never maps a
/// stale or foreign file of another size. Its pages are reserved when it is created: on a full /dev/shm a
/// mapped page that cannot be backed kills the process with SIGBUS at first touch, so the free space is
/// checked first and too little fails the cell with one line naming the need, the free space and the way out.
/// </summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly bool _owner;

    private MappedFile(string path, long length, bool owner)
    {
        Path = path;
        Length = length;
        _owner = owner;
        try
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.ReadWrite);
            _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            Base = pointer + _view.PointerOffset;
        }
        catch
        {
            _view?.Dispose();
            _file?.Dispose();
            if (owner)
            {
                File.Delete(path);
            }

            throw;
        }
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The first byte of the mapping (page-aligned).</summary>
    public byte* Base { get; }

    /// <summary>Where shared files go instead of /dev/shm (a directory on disk gives a file-backed mapping).</summary>
    public const string DirectoryVariable = "BENCH_SHM_DIR";

    /// <summary>The directory shared files are made in.</summary>
    public static string SharedDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } chosen ? chosen
        : Directory.Exists("/dev/shm") ? "/dev/shm"
        : System.IO.Path.GetTempPath();

    /// <summary>Creates a zeroed file named "bench-{kind}-{pid}-{guid}{extension}" with its pages reserved, and maps it.</summary>
    public static MappedFile Create(string kind, string extension, long length)
    {
        var directory = SharedDirectory;
        var path = System.IO.Path.Combine(directory, $"{Fixtures.LeftoverFixtures.Prefix(kind)}{Guid.NewGuid():N}{extension}");
        if (FreeBytes(directory) is { } free && free < length)
        {
            throw TooLittleSpace(kind, directory, length, free);
        }

        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite,
                PreallocationSize = length, // fallocate: a full device fails here, not with SIGBUS in the middle of a batch
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            stream.SetLength(length);
        }
        catch (IOException e)
        {
            File.Delete(path);
            // Someone else took the space between the check and the reservation.
            throw FreeBytes(directory) is { } left && left < length ? TooLittleSpace(kind, directory, length, left) : e;
        }

        return new MappedFile(path, length, owner: true);
    }

    private static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // cannot tell: the reservation will say
        }
    }

    private static IOException TooLittleSpace(string kind, string directory, long need, long free) => new(
        $"the shared {kind} file needs {Mebibytes(need)} in {directory}, but only {Mebibytes(free)} is free there; " +
        $"free some, use smaller parameters, or set {DirectoryVariable} to a directory on disk (a file-backed mapping, e.g. the run directory)");

    private static string Mebibytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F0} MiB");

    /// <summary>Maps a file another process created, after checking it has the expected length.</summary>
    public static MappedFile Open(string path, long expectedLength, string what)
    {
        var actual = new FileInfo(path).Length;
        if (actual != expectedLength)
        {
            throw new IOException($"{what} {path} has {actual} bytes, expected {expectedLength}");
        }

        return new MappedFile(path, expectedLength, owner: false);
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
        if (_owner)
        {
            File.Delete(Path);
        }
    }
}
