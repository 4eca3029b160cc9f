using System.Diagnostics;
using System.Globalization;

namespace Bench.Harness.Measurement;

/// <summary>
/// How many batches one sample runs — BenchmarkDotNet's invocation count, applied by the harness because
/// every batch needs its own preparation and validation. A batch shorter than <see cref="Minimum"/> runs
/// several times per sample and the sample is their mean, so that a sample is never a sub-millisecond
/// event dominated by one thread's wake-up or one scheduler tick (docs/measurement.md, "Minimum sample time").
/// </summary>
public static class SampleLength
{
    /// <summary>The default minimum; docs/measurement.md gives the measurements behind it.</summary>
    public static readonly TimeSpan DefaultMinimum = TimeSpan.FromMilliseconds(10);

    /// <summary>Environment variable that overrides the minimum, in milliseconds (0: one batch per sample), for experiments.</summary>
    public const string Variable = "BENCH_MIN_SAMPLE_MS";

    /// <summary>More batches per sample than this buy nothing: a sample of 1,000 µs batches is already 1 ms long.</summary>
    public const int MaximumBatches = 1000;

    /// <summary>The minimum in force: <see cref="DefaultMinimum"/>, or the environment's override when it is a number of milliseconds ≥ 0.</summary>
    public static TimeSpan Minimum =>
        double.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && ms <= 10_000
            ? TimeSpan.FromMilliseconds(ms)
            : DefaultMinimum;

    /// <summary>
    /// Batches per sample for a warm batch of <paramref name="batch"/>: enough for the minimum, at most
    /// <see cref="MaximumBatches"/>; 1 when one batch is long enough.
    /// </summary>
    public static int BatchesFor(TimeSpan batch, TimeSpan minimum) =>
        minimum <= TimeSpan.Zero || batch >= minimum ? 1
        : batch <= TimeSpan.Zero ? MaximumBatches
        : (int)Math.Clamp(Math.Ceiling(minimum.TotalNanoseconds / batch.TotalNanoseconds), 1, MaximumBatches);

    /// <summary>
    /// The warm batch time, by running the prepared batch again until the minimum has passed (at most
    /// <see cref="MaximumBatches"/> times) and taking the median: the validation batch before it was the
    /// first on its executor (JIT, thread-pool growth), up to many times slower than the batches sampled.
    /// Skipped — the first batch returned — when that batch already took 20× the minimum (the pilot then costs at most one batch more than the minimum).
    /// </summary>
    public static TimeSpan WarmBatch(TimeSpan firstBatch, TimeSpan minimum, Action runBatch)
    {
        if (minimum <= TimeSpan.Zero || firstBatch >= 20 * minimum)
        {
            return firstBatch;
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < minimum && times.Count < MaximumBatches)
        {
            var start = Stopwatch.GetTimestamp();
            runBatch();
            times.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds);
        }

        times.Sort();
        return TimeSpan.FromTicks((long)(times[times.Count / 2] / 100));
    }
}
