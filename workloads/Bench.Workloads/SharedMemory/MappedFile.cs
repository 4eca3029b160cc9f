using System.IO.MemoryMappedFiles;

namespace Bench.Workloads.SharedMemory;

/// <summary>
/// A file mapped into memory, shared by the harness and its worker processes (the guide's shared-memory
/// section). It lives in /dev/shm (memory-backed) where that exists, else in the temp directory. The
/// creator owns the file and deletes it on dispose (also when mapping fails); openers only map it and
/// check its length, so a worker never maps a stale or foreign file of another size.
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

    /// <summary>Creates a zeroed file named "bench-{kind}-{pid}-{guid}{extension}" and maps it.</summary>
    public static MappedFile Create(string kind, string extension, long length)
    {
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(directory, $"{Fixtures.LeftoverFixtures.Prefix(kind)}{Guid.NewGuid():N}{extension}");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(length);
        }

        return new MappedFile(path, length, owner: true);
    }

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
