using System.IO.MemoryMappedFiles;

namespace Bench.Workloads.SharedMemory;

/// <summary>
/// A source and a destination image of W×H bytes each, back to back in one memory-mapped file, so
/// that the harness and every worker process see the same pixels without copying them through pipes
/// (the guide's shared-memory section). The file lives in /dev/shm (memory-backed) where it exists,
/// else in the temp directory. The creator owns the file and deletes it on dispose; openers only map it.
/// </summary>
public sealed unsafe class SharedImageFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly bool _owner;

    private SharedImageFile(string path, int width, int height, bool owner)
    {
        Path = path;
        Width = width;
        Height = height;
        _owner = owner;
        try
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.ReadWrite);
            _view = _file.CreateViewAccessor(0, 2L * width * height, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _base = pointer + _view.PointerOffset;
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

    public int Width { get; }

    public int Height { get; }

    private int Pixels => Width * Height;

    public Span<byte> Source => new(_base, Pixels);

    public Span<byte> Destination => new(_base + Pixels, Pixels);

    /// <summary>Creates the file (source and destination zeroed) and maps it. The caller fills the source.</summary>
    public static SharedImageFile Create(int width, int height)
    {
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(directory, $"bench-image-{Environment.ProcessId}-{Guid.NewGuid():N}.img");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(2L * width * height);
        }

        return new SharedImageFile(path, width, height, owner: true);
    }

    /// <summary>Maps a file that another process created.</summary>
    public static SharedImageFile Open(string path, int width, int height)
    {
        var length = new FileInfo(path).Length;
        if (length != 2L * width * height)
        {
            throw new IOException($"shared image {path} has {length} bytes, expected {2L * width * height} for {width}x{height}");
        }

        return new SharedImageFile(path, width, height, owner: false);
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
