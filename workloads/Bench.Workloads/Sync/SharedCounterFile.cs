using System.IO.MemoryMappedFiles;

namespace Bench.Workloads.Sync;

/// <summary>
/// The counters of one counter cell in a memory-mapped file (the guide's <c>multiprocessing.Value</c>).
/// One mechanism for every strategy: the session creates the file, and every runner maps it — the
/// harness's runner for thread strategies (all threads then share that one mapping, i.e. ordinary
/// process memory) and each worker's runner for process strategies (the same physical pages, mapped
/// into several processes). So <c>sync=none</c> races on the same memory in both families, and the
/// session reads the true total from the file after a batch, whoever wrote it.
/// Slots are 128 bytes apart (two 64-byte lines: the adjacent-line prefetcher pairs them), and the
/// mapping starts on a page boundary, so a padded slot never shares a line with another.
/// </summary>
public sealed unsafe class SharedCounterFile : IDisposable
{
    public const int SlotStride = 128;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly bool _owner;

    private SharedCounterFile(string path, long length, bool owner)
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

    public long Length { get; }

    /// <summary>Bytes a file for <paramref name="slots"/> padded slots needs.</summary>
    public static long LengthFor(int slots) => (long)SlotStride * Math.Max(1, slots);

    /// <summary>The 64-bit counter at <paramref name="byteOffset"/> (8-byte aligned, inside the file).</summary>
    public long* At(long byteOffset)
    {
        if (byteOffset < 0 || byteOffset + sizeof(long) > Length || byteOffset % sizeof(long) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(byteOffset), $"counter offset {byteOffset} is outside the {Length}-byte file or misaligned");
        }

        return (long*)(_base + byteOffset);
    }

    public void Clear() => new Span<byte>(_base, checked((int)Length)).Clear();

    /// <summary>Creates a zeroed file in /dev/shm (memory-backed) where it exists, else in the temp directory.</summary>
    public static SharedCounterFile Create(long length)
    {
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(directory, $"bench-counter-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(length);
        }

        return new SharedCounterFile(path, length, owner: true);
    }

    /// <summary>Maps a file that the session created.</summary>
    public static SharedCounterFile Open(string path, long length)
    {
        var actual = new FileInfo(path).Length;
        if (actual != length)
        {
            throw new IOException($"shared counter file {path} has {actual} bytes, expected {length}");
        }

        return new SharedCounterFile(path, length, owner: false);
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
