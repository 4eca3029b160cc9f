using Bench.Workloads.SharedMemory;

namespace Bench.Workloads.Sync;

/// <summary>
/// The counters of one counter cell in a memory-mapped file (the guide's <c>multiprocessing.Value</c>).
/// One mechanism for every strategy: the session creates the file, and every runner maps it — the
/// harness's runner for thread strategies (all threads then share that one mapping, i.e. ordinary
/// process memory) and each worker's runner for process strategies (the same physical pages, mapped
/// into several processes). So <c>sync=none</c> races on the same memory in both families, and the
/// session reads the true total from the file after a batch, whoever wrote it.
/// Slots are 128 bytes apart (two 64-byte lines: the adjacent-line prefetcher pairs them), and the
/// mapping starts on a page boundary, so a padded slot never shares a line with another. One more slot
/// at the end holds the <see cref="CrossProcessLock"/> of <c>sync=mutex</c>.
/// </summary>
public sealed unsafe class SharedCounterFile : IDisposable
{
    public const int SlotStride = 128;

    private readonly MappedFile _file;

    private SharedCounterFile(MappedFile file) => _file = file;

    public string Path => _file.Path;

    public long Length => _file.Length;

    /// <summary>Bytes a file for <paramref name="slots"/> padded counter slots and the lock slot needs.</summary>
    public static long LengthFor(int slots) => (long)SlotStride * (Math.Max(1, slots) + 1);

    /// <summary>Bytes of counters: everything before the lock slot.</summary>
    private long CounterBytes => Length - SlotStride;

    /// <summary>Where the cross-process lock lives: the last slot, on lines of its own.</summary>
    public byte* LockPlace => _file.Base + CounterBytes;

    /// <summary>The 64-bit counter at <paramref name="byteOffset"/> (8-byte aligned, inside the file).</summary>
    public long* At(long byteOffset)
    {
        if (byteOffset < 0 || byteOffset + sizeof(long) > CounterBytes || byteOffset % sizeof(long) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(byteOffset), $"counter offset {byteOffset} is outside the file's {CounterBytes} bytes of counters or misaligned");
        }

        return (long*)(_file.Base + byteOffset);
    }

    /// <summary>Zeroes the counters (not the lock: a live semaphore must not be overwritten).</summary>
    public void Clear() => new Span<byte>(_file.Base, checked((int)CounterBytes)).Clear();

    /// <summary>Creates a zeroed file in /dev/shm (memory-backed) where it exists, else in the temp directory.</summary>
    public static SharedCounterFile Create(long length) => new(MappedFile.Create(Fixtures.LeftoverFixtures.Counter, ".bin", length));

    /// <summary>Maps a file that the session created.</summary>
    public static SharedCounterFile Open(string path, long length) => new(MappedFile.Open(path, length, "shared counter file"));

    public void Dispose() => _file.Dispose();
}
