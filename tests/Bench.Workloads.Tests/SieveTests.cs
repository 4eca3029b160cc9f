using Bench.Workloads;
using Bench.Workloads.Contract;
using Bench.Workloads.Cpu;

namespace Bench.Workloads.Tests;

public sealed class SieveTests
{
    [Theory]
    [InlineData(1_000_000L, 78_498L)]
    [InlineData(10_000_000L, 664_579L)]
    [InlineData(100_000_000L, 5_761_455L)]
    public void Counts_the_published_pi_of_powers_of_ten(long n, long pi) =>
        Assert.Equal(pi, new SegmentedSieve(n).CountPrimes(0, n));

    [Fact]
    public void One_instance_counts_correctly_from_many_threads_at_once()
    {
        // The segment buffers are pooled per instance: concurrent items must never share one.
        const long n = 20_000_000;
        const int items = 64;
        var sieve = new SegmentedSieve(n, segmentBytes: 32 * 1024);
        var counts = new long[items];
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (lo, hi) = SieveWorkload.Range(n, items, i);
            counts[i] = sieve.CountPrimes(lo, hi);
        });
        var bounds = Enumerable.Range(0, items).Select(i => SieveWorkload.Range(n, items, i).Lo).Append(n).ToArray();
        Assert.Equal(ReferenceSieve.CountPerRange(bounds), counts);
    }

    [Fact]
    public void Agrees_with_the_reference_sieve_on_many_random_limits_and_splits()
    {
        var random = new Random(20260101);
        var limits = new List<long> { 0, 1, 2, 3, 4, 5, 17, 18, 19, 20, 289, 290, 361, 362, 529, 255_255 * 2 + 1 };
        for (var i = 0; i < 120; i++)
        {
            limits.Add(random.NextInt64(0, i < 100 ? 100_000 : 3_000_000));
        }

        foreach (var n in limits)
        {
            var items = random.Next(1, 9);
            var bounds = Enumerable.Range(0, items).Select(i => SieveWorkload.Range(n, items, i).Lo).Append(n).ToArray();
            var expected = ReferenceSieve.CountPerRange(bounds);
            // A small segment makes ranges cross many segment boundaries.
            var sieve = new SegmentedSieve(n, segmentBytes: random.Next(0, 2) == 0 ? 64 : 4096);
            for (var i = 0; i < items; i++)
            {
                Assert.True(expected[i] == sieve.CountPrimes(bounds[i], bounds[i + 1]), $"N={n}, range [{bounds[i]}, {bounds[i + 1]})");
            }
        }
    }

    [Fact]
    public void Reference_sieve_matches_known_pi() =>
        Assert.Equal(664_579L, ReferenceSieve.CountPerRange([0, 5_000_000, 10_000_000]).Sum());

    [Theory]
    [InlineData("1000000")]  // validated against the table
    [InlineData("999983")]   // validated against the reference sieve
    public void Validation_rejects_a_wrong_count(string n)
    {
        var workload = new SieveWorkload();
        var parameters = ParameterSet.From(new Dictionary<string, string> { ["n"] = n, ["items"] = "4" });
        using var session = workload.Open(parameters, new SessionShape(1, false));
        using var runner = workload.CreateRunner(session.RunnerParameters);
        var results = Enumerable.Range(0, 4).Select(runner.Run).ToArray();
        Assert.True(session.Validate(results).Ok);
        results[2] += 1;
        Assert.False(session.Validate(results).Ok);
        results[2] -= 1;
        results[1] += 1;
        results[3] -= 1; // same total, wrong ranges: caught per range where a reference exists, by total otherwise
        Assert.Equal(n != "1000000", !session.Validate(results).Ok);
    }

    [Theory]
    [InlineData("n", "1000000000001", "1000000000000")]
    [InlineData("n", "-5", "[2, ")]
    public void Absurd_sizes_are_refused_naming_the_limit(string name, string value, string limit)
    {
        WorkloadRegistry.Resolve(new SieveWorkload(), new Dictionary<string, string> { [name] = value }, quick: false, out var error);
        Assert.NotNull(error);
        Assert.Contains(limit, error);
    }
}
