using System.Globalization;
using Bench.Harness.Execution;
using Bench.Harness.Workers;
using Bench.Workloads.Cpu;

namespace Bench.Perf.Workloads;

/// <summary>
/// sieve: one thread π(10^9) against primesieve (target: within 4×), and parallel efficiency at W=2
/// (T(1) / (2·T(2)) under the same strategy; target ≥ 0.9 on 2 cores).
/// </summary>
internal static class SieveProbe
{
    public static void Run(WorkerLauncher launcher)
    {
        const long n = 1_000_000_000;
        Console.WriteLine();
        Console.WriteLine("sieve: pi(10^9), one thread");
        var sieve = new SegmentedSieve(n);
        long count = 0;
        var ours = Probe.Best(3, () => count = sieve.CountPrimes(0, n));
        Console.WriteLine($"  bench sieve : {ours.Wall.TotalSeconds:F3} s wall, {ours.Cpu.TotalSeconds:F3} s CPU, count {count} ({(count == SieveWorkload.KnownPi[n] ? "correct" : "WRONG")})");

        var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
        for (var r = 0; r < 3; r++)
        {
            var run = Probe.Execute("primesieve", "1e9 --threads=1 --count --time -q");
            if (run is null)
            {
                Console.WriteLine("  primesieve  : not installed (Debian package primesieve)");
                best = default;
                break;
            }

            var line = run.Value.Output.Split('\n').FirstOrDefault(l => l.StartsWith("Seconds:", StringComparison.Ordinal));
            if (line is not null && double.TryParse(line["Seconds:".Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds < best.Wall)
            {
                best = (seconds, run.Value.Cpu.TotalSeconds);
            }
        }

        if (best.Wall is > 0 and < double.MaxValue)
        {
            Console.WriteLine($"  primesieve  : {best.Wall:F3} s wall, {best.Cpu:F3} s CPU (process, incl. start-up)");
            Console.WriteLine($"  ratio bench/primesieve: {ours.Wall.TotalSeconds / best.Wall:F2}x wall, {ours.Cpu.TotalSeconds / best.Cpu:F2}x CPU (target <= 4x)");
        }

        Console.WriteLine("sieve: parallel efficiency T(1)/(2*T(2)), n=10^9, 32 items, median of 5 batches");
        var overrides = new Dictionary<string, string> { ["n"] = "1000000000", ["items"] = "32" };
        foreach (var strategy in new[] { "threads", "threadpool", "process-pool" })
        {
            var ones = BatchProbe.Run("sieve", overrides, quick: false, strategy, 1, 5, launcher);
            var twos = BatchProbe.Run("sieve", overrides, quick: false, strategy, 2, 5, launcher);
            var (one, two) = (Probe.Median(ones), Probe.Median(twos));
            Console.WriteLine($"  {strategy,-13}: T(1) {one.TotalMilliseconds,7:F1} ms, T(2) {two.TotalMilliseconds,7:F1} ms (medians), efficiency {one / (2 * two):F2}; from best batches {ones.Min() / (2 * twos.Min()):F2} (target >= 0.9)");
        }
    }
}
