using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;

namespace Bench.Perf.Workloads;

/// <summary>
/// net-io against its ideal ⌈n/W⌉·latency: threadpool-async at W=256 with 1,024 items (ideal 40 ms,
/// target ≤ 2×) and threads at W=8 (target within 10%). threadpool at W=8 is printed beside threads:
/// the same items on reused threads, so the difference is what a new thread per item costs here.
/// </summary>
internal static class NetIoProbe
{
    // The default profile's shape: a validation batch and two warm-ups, then 15 samples. With a single
    // warm-up, the first samples still carried tier-0 code and the JIT's promotions.
    private const int Warmups = 3;
    private const int Batches = 15;

    public static void Run(WorkerLauncher launcher)
    {
        Console.WriteLine();
        Console.WriteLine($"net-io: 10 ms latency, 16 KiB payload, median of {Batches} batches after {Warmups} warm-up batches (as the default profile)");
        Report("threadpool-async", 256, 1024, launcher, 2.0);
        Report("threads", 8, 64, launcher, 1.1);
        Report("threadpool", 8, 64, launcher, 1.1);
    }

    private static void Report(string strategy, int workers, int items, WorkerLauncher launcher, double target)
    {
        var overrides = new Dictionary<string, string> { ["items"] = items.ToString(System.Globalization.CultureInfo.InvariantCulture), ["latency"] = "10" };
        var times = BatchProbe.Run("net-io", overrides, quick: false, strategy, workers, Batches, launcher, Warmups);
        var median = Probe.Median(times);
        var ideal = TimeSpan.FromMilliseconds((items + workers - 1) / workers * 10.0);
        Console.WriteLine($"  {strategy,-16} W={workers,-3} n={items,-5}: {median.TotalMilliseconds,6:F1} ms, ideal {ideal.TotalMilliseconds:F0} ms, ratio {median / ideal:F2} (target <= {target:F1}); " +
            $"batches {times.Min().TotalMilliseconds:F1}–{times.Max().TotalMilliseconds:F1} ms");
    }
}
