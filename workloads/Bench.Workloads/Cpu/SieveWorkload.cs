using System.Globalization;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Cpu;

/// <summary>
/// Counts the primes below N. Items are contiguous, equal ranges of [0, N); each process computes the
/// base primes up to √N once (in <see cref="CreateRunner"/>) and every item sieves its range segment
/// by segment. Validation: per-range counts equal a plain reference sieve's, and the total equals the
/// known π(N) where N is a power of ten.
/// </summary>
public sealed class SieveWorkload : IWorkload
{
    /// <summary>Largest N accepted: 10^12 takes minutes of CPU, anything larger is a typo.</summary>
    public const long MaxLimit = 1_000_000_000_000;

    /// <summary>π(10^k), the prime-counting function at powers of ten (OEIS A006880).</summary>
    public static readonly IReadOnlyDictionary<long, long> KnownPi = new Dictionary<long, long>
    {
        [10] = 4,
        [100] = 25,
        [1_000] = 168,
        [10_000] = 1_229,
        [100_000] = 9_592,
        [1_000_000] = 78_498,
        [10_000_000] = 664_579,
        [100_000_000] = 5_761_455,
        [1_000_000_000] = 50_847_534,
        [10_000_000_000] = 455_052_511,
        [100_000_000_000] = 4_118_054_813,
        [1_000_000_000_000] = 37_607_912_018,
    };

    public WorkloadInfo Info { get; } = new(
        "sieve",
        "count primes below N: segmented odd-only sieve of Eratosthenes, items are contiguous ranges",
        WorkloadCategory.CpuBound,
        HasAsyncForm: false,
        [
            ParameterSpec.Integer("n", "count primes below N", 1_000_000_000, 2, MaxLimit, quick: 10_000_000),
            ParameterSpec.Integer("items", "ranges per batch", 32, 1, 100_000, quick: 8),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters) =>
        new Runner(new SegmentedSieve(runnerParameters.GetInt64("n")), runnerParameters.GetInt32("items"));

    /// <summary>[lo, hi) of item <paramref name="index"/> out of <paramref name="items"/> over [0, N).</summary>
    public static (long Lo, long Hi) Range(long n, int items, int index) =>
        (Bound(n, items, index), Bound(n, items, index + 1));

    private static long Bound(long n, int items, int index) =>
        (long)((UInt128)(ulong)n * (ulong)index / (ulong)items);

    private sealed class Runner(SegmentedSieve sieve, int items) : BlockingItemRunner
    {
        public override long Run(int index)
        {
            var (lo, hi) = Range(sieve.Limit, items, index);
            return sieve.CountPrimes(lo, hi);
        }
    }

    private sealed class Session(ParameterSet parameters) : IWorkloadSession
    {
        private readonly long _n = parameters.GetInt64("n");
        private long[]? _reference; // per-item counts, computed at the first validation and kept for the cell

        public int ItemCount { get; } = parameters.GetInt32("items");

        public ParameterSet RunnerParameters => parameters;

        public void BeforeBatch()
        {
        }

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            long actual = 0;
            foreach (var r in itemResults)
            {
                actual += r;
            }

            if (KnownPi.TryGetValue(_n, out var known))
            {
                // The published table is the reference; no need to sieve again.
                return Validation.Compare(known, actual) with { Ok = known == actual && itemResults.Length == ItemCount };
            }

            _reference ??= ReferenceSieve.CountPerRange(
                Enumerable.Range(0, ItemCount + 1).Select(i => Bound(_n, ItemCount, i)).ToArray());
            var expected = _reference.Sum();
            var ok = itemResults.Length == ItemCount && expected == actual;
            for (var i = 0; ok && i < itemResults.Length; i++)
            {
                ok = itemResults[i] == _reference[i];
            }

            return new Validation(expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture), ok,
                ok ? null : "a range's prime count differs from the reference sieve");
        }

        public void Dispose()
        {
        }
    }
}
