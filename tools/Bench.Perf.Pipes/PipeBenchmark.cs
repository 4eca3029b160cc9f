using System.Diagnostics;
using System.Globalization;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Perf.Pipes;

/// <summary>
/// Measures, in one run and interleaved (so machine noise hits both alike):
/// <list type="bullet">
/// <item>raw — one byte written to `cat` and read back: two pipes, two processes, no framing, no .NET on the far side;</item>
/// <item>pool — one `square` item through a W=1 process-pool with chunk size 1 (a Run frame out, a Results frame back);</item>
/// <item>auto — a large batch through the pool with Pool.map-style automatic chunking, per item.</item>
/// </list>
/// Each figure is the median of several rounds; each round averages many round trips.
/// </summary>
public static class PipeBenchmark
{
    private const int Rounds = 15;
    private const int TripsPerRound = 2_000;
    private const int AutoItems = 200_000;

    public static int Run(string[] args, TextWriter output)
    {
        var launcher = WorkerLauncher.Locate();
        output.WriteLine($"worker: {launcher.Build} ({launcher.ExecutablePath})");
        using var raw = new CatEcho();
        var square = WorkloadRegistry.Get("square");
        using var oneSession = square.Open(Items(TripsPerRound), new SessionShape(1, true));
        using var onePool = new ProcessPoolStrategy().Create(new CellContext(square, oneSession, 1, 1, launcher));
        using var autoSession = square.Open(Items(AutoItems), new SessionShape(1, true));
        using var autoPool = new ProcessPoolStrategy().Create(new CellContext(square, autoSession, 1, null, launcher));

        var rawNs = new List<double>();
        var poolNs = new List<double>();
        var autoNs = new List<double>();
        for (var round = -2; round < Rounds; round++) // two warm-up rounds
        {
            var r = raw.RoundTripNs(TripsPerRound);
            var p = PerItemNs(onePool, TripsPerRound);
            var a = PerItemNs(autoPool, AutoItems);
            if (round >= 0)
            {
                rawNs.Add(r);
                poolNs.Add(p);
                autoNs.Add(a);
            }
        }

        var rawMedian = Median(rawNs);
        var poolMedian = Median(poolNs);
        var autoMedian = Median(autoNs);
        var ratio = poolMedian / rawMedian;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw pipe round trip (1 byte via cat):        {rawMedian / 1e3,8:F2} µs"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process-pool round trip (square, chunk 1):   {poolMedian / 1e3,8:F2} µs  = {ratio:F2}× raw  (target ≤ 2×) {(ratio <= 2 ? "OK" : "MISSED")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process-pool auto chunking, per item:        {autoMedian / 1e3,8:F3} µs  (target ≤ 0.5 µs) {(autoMedian <= 500 ? "OK" : "MISSED")}"));
        output.WriteLine($"medians of {Rounds} interleaved rounds; {TripsPerRound} round trips per round; {AutoItems} items per auto batch");
        return 0;
    }

    private static ParameterSet Items(int n) => ParameterSet.From(new Dictionary<string, string> { ["items"] = n.ToString(CultureInfo.InvariantCulture) });

    private static double PerItemNs(ICellExecutor pool, int items)
    {
        var outcome = new BatchOutcome(items, trace: false);
        var start = Stopwatch.GetTimestamp();
        pool.ExecuteBatch(outcome);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        if (outcome.FirstError is not null)
        {
            throw new InvalidOperationException(outcome.FirstError);
        }

        outcome.EnsureComplete();
        return elapsed / items;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
