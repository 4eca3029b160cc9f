using System.Buffers.Binary;

namespace Bench.Protocol;

/// <summary>
/// A snapshot of one process's .NET runtime counters, read from the runtime's own APIs (no EventPipe):
/// cumulative since the process started, except <see cref="ThreadPoolThreads"/>, which is the count now.
/// The harness reads its own; a worker sends its own in a <see cref="FrameType.Counters"/> frame. Both
/// read them between batches, never while items run.
/// </summary>
public readonly record struct RuntimeCounters(
    long Gen0Collections,
    long Gen1Collections,
    long Gen2Collections,
    long GcPauseNs,
    long AllocatedBytes,
    long LockContentions,
    long ThreadPoolThreads,
    long CompletedWorkItems,
    long JitCompiledMethods)
{
    /// <summary>How many int64 fields a Counters frame carries today; a reader takes the ones it knows.</summary>
    public const int FieldCount = 9;

    public static RuntimeCounters Read() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        (long)GC.GetTotalPauseDuration().TotalNanoseconds,
        // precise: the bytes in the allocation contexts not yet handed back count too; without it the
        // total moves in steps of the allocation quantum (≈ 8 KB per thread), too coarse per item.
        GC.GetTotalAllocatedBytes(precise: true),
        Monitor.LockContentionCount,
        ThreadPool.ThreadCount,
        ThreadPool.CompletedWorkItemCount,
        System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false));

    internal void Write(Span<byte> payload)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(payload, FieldCount);
        Span<long> values = [Gen0Collections, Gen1Collections, Gen2Collections, GcPauseNs, AllocatedBytes, LockContentions, ThreadPoolThreads, CompletedWorkItems, JitCompiledMethods];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload[(2 + i * 8)..], values[i]);
        }
    }

    internal static RuntimeCounters Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            throw new ProtocolException("counters frame too short");
        }

        // A newer worker may send more fields: the count says how many, and the ones known here are read.
        int fields = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        if (fields < FieldCount || payload.Length != 2 + fields * 8)
        {
            throw new ProtocolException($"counters frame of {payload.Length} bytes with {fields} fields (at least {FieldCount} expected)");
        }

        Span<long> v = stackalloc long[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            v[i] = BinaryPrimitives.ReadInt64LittleEndian(payload[(2 + i * 8)..]);
        }

        return new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
