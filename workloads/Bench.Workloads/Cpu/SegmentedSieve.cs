using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Cpu;

/// <summary>
/// Counts primes in a range [lo, hi) of [0, N): a segmented sieve of Eratosthenes over odd numbers
/// only (byte k stands for 2k+1), one cache-sized segment at a time. Two tricks carry most of the
/// speed: the multiples of 3…17 are not crossed off but copied in from a precomputed pattern (their
/// period is 3·5·7·11·13·17 = 255,255 odd numbers), and the crossing-off loop is unrolled with no
/// bounds checks. Immutable after construction, so one instance serves every thread of a process.
/// </summary>
public sealed class SegmentedSieve
{
    /// <summary>Default odd numbers per segment (one byte each); see the constructor.</summary>
    public const int DefaultSegmentBytes = 256 * 1024;

    private readonly int _segmentBytes;

    private static readonly int[] PresievedPrimes = [3, 5, 7, 11, 13, 17];
    private const int PatternPeriod = 3 * 5 * 7 * 11 * 13 * 17;

    private readonly int[] _basePrimes; // odd primes above 17 up to √N
    private readonly byte[] _pattern;   // PatternPeriod + segment bytes: any window is one copy

    /// <param name="limit">N: ranges lie within [0, N).</param>
    /// <param name="segmentBytes">Odd numbers per segment; the default, 256 KiB (like primesieve), sits in L2: larger segments amortize the per-prime bookkeeping, which costs more than the crossing off itself.</param>
    public SegmentedSieve(long limit, int segmentBytes = DefaultSegmentBytes)
    {
        _segmentBytes = segmentBytes;
        if (limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "limit must not be negative");
        }

        Limit = limit;
        var root = (int)Math.Sqrt(limit);
        while ((long)(root + 1) * (root + 1) <= limit)
        {
            root++;
        }

        _basePrimes = SmallPrimes(root).Where(p => p > 17).ToArray();
        _pattern = BuildPattern(segmentBytes);
    }

    /// <summary>N: ranges must lie within [0, N).</summary>
    public long Limit { get; }

    /// <summary>The number of primes p with lo ≤ p &lt; hi.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    public long CountPrimes(long lo, long hi)
    {
        if (lo < 0 || hi > Limit || lo > hi)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"range [{lo}, {hi}) is not inside [0, {Limit})");
        }

        long count = lo <= 2 && hi > 2 ? 1 : 0; // the only even prime

        // The pattern wipes out 3…17 themselves; add back those in range. 1 is not prime either.
        foreach (var p in PresievedPrimes)
        {
            if (p >= lo && p < hi)
            {
                count++;
            }
        }

        var kLo = lo / 2;  // first odd 2k+1 ≥ lo
        var kHi = hi / 2;  // odd 2k+1 < hi
        if (kHi <= kLo)
        {
            return count;
        }

        var buffer = RentSegment();
        var segment = buffer.AsSpan(0, _segmentBytes);
        // next[i]: index (odd-number k) of the next multiple of _basePrimes[i] still to cross off.
        var primes = _basePrimes;
        var usable = 0;
        while (usable < primes.Length && (long)primes[usable] * primes[usable] < hi)
        {
            usable++;
        }

        var next = new long[usable];
        var wheel = new byte[usable];
        for (var i = 0; i < usable; i++)
        {
            long p = primes[i];
            // q: the first cofactor to cross off, p·q ≥ max(p², lo), and q coprime to 30 (multiples of
            // 2, 3 and 5 are gone already: odd-only storage and the pattern).
            var q = Math.Max(p, (2 * kLo + 1 + p - 1) / p);
            while (WheelPosition[q % 30] < 0)
            {
                q++;
            }

            next[i] = (p * q - 1) / 2;
            wheel[i] = (byte)WheelPosition[q % 30];
        }

        for (var segLo = kLo; segLo < kHi; segLo += _segmentBytes)
        {
            var length = (int)Math.Min(_segmentBytes, kHi - segLo);
            _pattern.AsSpan((int)(segLo % PatternPeriod), length).CopyTo(segment);
            if (segLo == 0)
            {
                segment[0] = 0; // 1 is not prime
            }

            CrossOff(segment, length, segLo, primes, next, wheel);
            count += segment[..length].Count((byte)1);
            WorkCheckpoint.Poll();
        }

        _segments.Push(buffer); // not in a finally: a failed item's buffer is garbage, not a pool leak
        return count;
    }

    /// <summary>
    /// Segment buffers, rented for one <see cref="CountPrimes"/> call and returned, so a process holds one
    /// per concurrently running item and reuses them: a fresh 256 KiB array per item would land on the
    /// large object heap, and every few items a gen-2 collection would stop every thread of the process —
    /// a cost thread strategies would pay and worker processes (one heap each) would not. Raw threads
    /// (a new thread per item) reuse them as well as pooled threads do. Each segment is fully overwritten
    /// from the pattern before use, so reuse is safe.
    /// </summary>
    private readonly ConcurrentStack<byte[]> _segments = new(); // not a ConcurrentBag: it keeps a list per thread ever seen, and raw threads are new per item

    /// <summary>
    /// Bytes reserved per segment buffer: far more than the 256 KiB used. Two threads of one process whose
    /// buffers lie one after the other slow each other's crossing-off writes (an address-aliasing effect of
    /// the cores' caches, not a shared line; docs/perf-notes.md has the figures); 1 MiB apart they do not.
    /// Worker processes never hit it: each has its own address space.
    /// The unused tail is never touched, so it costs address space, not memory.
    /// </summary>
    internal const int SegmentSpacing = 1024 * 1024;

    private byte[] RentSegment() =>
        _segments.TryPop(out var buffer)
            ? buffer
            : GC.AllocateUninitializedArray<byte>(Math.Max(SegmentSpacing, _segmentBytes));

    /// <summary>Residues mod 30 coprime to 30, in order: the wheel's spokes.</summary>
    private static readonly int[] WheelPosition = BuildWheelPositions();

    /// <summary>Index steps (in odd numbers, times p) from spoke i to spoke i+1: the gaps 6,4,2,4,2,4,6,2 halved.</summary>
    private static readonly int[] WheelStep = [3, 2, 1, 2, 1, 2, 3, 1];

    private static int[] BuildWheelPositions()
    {
        var positions = new int[30];
        Array.Fill(positions, -1);
        int[] spokes = [1, 7, 11, 13, 17, 19, 23, 29];
        for (var i = 0; i < spokes.Length; i++)
        {
            positions[spokes[i]] = i;
        }

        return positions;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CrossOff(Span<byte> segment, int length, long segLo, int[] primes, long[] next, byte[] wheel)
    {
        ref var s = ref MemoryMarshal.GetReference(segment);
        ref var steps = ref MemoryMarshal.GetArrayDataReference(WheelStep);
        var segHi = segLo + length;
        for (var i = 0; i < next.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                WorkCheckpoint.Poll(); // a large segment takes ~100 µs: give a pacer a safe point more often
            }

            var k = next[i];
            if (k >= segHi)
            {
                continue;
            }

            var p = primes[i];
            var j = (int)(k - segLo);
            int w = wheel[i];

            // Walk to spoke 0, then cross off a whole turn of the wheel (8 multiples, 15·p odd numbers)
            // per iteration: independent stores at constant offsets, no bounds checks.
            while (w != 0 && j < length)
            {
                Unsafe.Add(ref s, j) = 0;
                j += p * Unsafe.Add(ref steps, w);
                w = (w + 1) & 7;
            }

            if (w == 0)
            {
                var turn = 15 * p;
                var last = length - 14 * p;
                for (; j < last; j += turn)
                {
                    Unsafe.Add(ref s, j) = 0;
                    Unsafe.Add(ref s, j + 3 * p) = 0;
                    Unsafe.Add(ref s, j + 5 * p) = 0;
                    Unsafe.Add(ref s, j + 6 * p) = 0;
                    Unsafe.Add(ref s, j + 8 * p) = 0;
                    Unsafe.Add(ref s, j + 9 * p) = 0;
                    Unsafe.Add(ref s, j + 11 * p) = 0;
                    Unsafe.Add(ref s, j + 14 * p) = 0;
                }

                while (j < length)
                {
                    Unsafe.Add(ref s, j) = 0;
                    j += p * Unsafe.Add(ref steps, w);
                    w = (w + 1) & 7;
                }
            }

            next[i] = segLo + j;
            wheel[i] = (byte)w;
        }
    }

    /// <summary>One period of "not a multiple of 3…17" over odd numbers, plus a segment's worth repeated.</summary>
    private static byte[] BuildPattern(int segmentBytes)
    {
        var pattern = new byte[PatternPeriod + segmentBytes];
        Array.Fill(pattern, (byte)1);
        foreach (var p in PresievedPrimes)
        {
            // Odd multiples of p: 2k+1 ≡ 0 (mod p) ⇔ k ≡ (p-1)/2 (mod p).
            for (var k = (p - 1) / 2; k < pattern.Length; k += p)
            {
                pattern[k] = 0;
            }
        }

        return pattern;
    }

    /// <summary>Primes up to and including <paramref name="max"/>, by a plain sieve (√10^12 = 10^6 at most).</summary>
    public static int[] SmallPrimes(int max)
    {
        if (max < 2)
        {
            return [];
        }

        var composite = new bool[max + 1];
        var primes = new List<int>();
        for (var i = 2; i <= max; i++)
        {
            if (composite[i])
            {
                continue;
            }

            primes.Add(i);
            for (var j = (long)i * i; j <= max; j += i)
            {
                composite[j] = true;
            }
        }

        return primes.ToArray();
    }
}
