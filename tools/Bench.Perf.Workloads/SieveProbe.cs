using System.Globalization;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
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

        // Paired rounds: a W=1 batch, then a W=2 batch, seven times. The host's speed drifts over tens of
        // seconds on shared machines; comparing batches measured side by side cancels the drift
        // that separate blocks of W=1 and W=2 batches would fold into the efficiency.
        const int rounds = 7;
        Console.WriteLine($"sieve: parallel efficiency T(1)/(2*T(2)), n=10^9, 32 items, {rounds} paired rounds (a W=1 batch, then a W=2 batch)");
        var overrides = new Dictionary<string, string> { ["n"] = "1000000000", ["items"] = "32" };
        foreach (var strategy in new[] { "threads", "threadpool", "process-pool" })
        {
            var ones = new List<TimeSpan>();
            var twos = new List<TimeSpan>();
            var efficiencies = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                // Three batches after the warm-up one, median: a JIT worker is still tiering up after one.
                var one = Probe.Median(BatchProbe.Run("sieve", overrides, quick: false, strategy, 1, 3, launcher));
                var two = Probe.Median(BatchProbe.Run("sieve", overrides, quick: false, strategy, 2, 3, launcher));
                ones.Add(one);
                twos.Add(two);
                efficiencies.Add(one / (2 * two));
            }

            efficiencies.Sort();
            Console.WriteLine($"  {strategy,-13}: T(1) {Probe.Median(ones).TotalMilliseconds,7:F1} ms, T(2) {Probe.Median(twos).TotalMilliseconds,7:F1} ms (medians); " +
                $"efficiency per round: median {efficiencies[rounds / 2]:F2}, range {efficiencies[0]:F2}–{efficiencies[^1]:F2} (target >= 0.9)");
        }
    }
}
