namespace Bench.Workloads.Cpu;

/// <summary>
/// The single-threaded reference the sieve is validated against: a deliberately plain sieve of
/// Eratosthenes over every integer (no odd-only packing, no pattern, no unrolling), segmented only
/// so that memory stays bounded. It shares no code with <see cref="SegmentedSieve"/> on purpose.
/// </summary>
public static class ReferenceSieve
{
    private const int Window = 1 << 20;

    /// <summary>Primes below <c>bounds[^1]</c>, counted per consecutive range [bounds[i], bounds[i+1]).</summary>
    public static long[] CountPerRange(IReadOnlyList<long> bounds)
    {
        var counts = new long[bounds.Count - 1];
        var limit = bounds[^1];
        var root = 1;
        while ((long)(root + 1) * (root + 1) < limit)
        {
            root++;
        }

        var basePrimes = SegmentedSieve.SmallPrimes(root);
        var composite = new bool[Window];
        var range = 0;
        for (long lo = 0; lo < limit; lo += Window)
        {
            var hi = Math.Min(lo + Window, limit);
            Array.Clear(composite);
            foreach (long p in basePrimes)
            {
                for (var m = Math.Max(p * p, (lo + p - 1) / p * p); m < hi; m += p)
                {
                    composite[m - lo] = true;
                }
            }

            for (var n = Math.Max(lo, 2); n < hi; n++)
            {
                while (n >= bounds[range + 1])
                {
                    range++;
                }

                if (!composite[n - lo])
                {
                    counts[range]++;
                }
            }
        }

        return counts;
    }
}
