using System.Runtime.CompilerServices;
using System.Buffers.Binary;

namespace Bench.Workloads.Io;

/// <summary>
/// The payloads of the I/O workloads: bytes that depend only on (item, length), so any process can
/// produce or check them, and a fast 64-bit hash of them (FNV-1a over 8-byte words, then the tail).
/// </summary>
public static class DeterministicBytes
{
    /// <summary>Fills <paramref name="buffer"/> with item <paramref name="item"/>'s bytes (SplitMix64 stream).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    public static void Fill(Span<byte> buffer, long item)
    {
        var state = 0x9E3779B97F4A7C15UL * (ulong)(item + 1);
        var i = 0;
        for (; i + 8 <= buffer.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], Next(ref state));
        }

        var last = Next(ref state);
        for (; i < buffer.Length; i++, last >>= 8)
        {
            buffer[i] = (byte)last;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        const ulong prime = 0x100000001B3UL;
        var hash = 0xCBF29CE484222325UL;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data[i..])) * prime;
        }

        for (; i < data.Length; i++)
        {
            hash = (hash ^ data[i]) * prime;
        }

        return hash;
    }

    /// <summary>The hash item <paramref name="item"/>'s payload of <paramref name="length"/> bytes must have.</summary>
    public static long ExpectedHash(long item, int length)
    {
        var buffer = new byte[length];
        Fill(buffer, item);
        return (long)Hash(buffer);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
