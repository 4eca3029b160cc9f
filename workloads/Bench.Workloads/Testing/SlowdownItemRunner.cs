using System.Diagnostics;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Testing;

/// <summary>
/// Decorates a runner: after each item, busy-waits for <c>fraction</c> of the time the item took, so
/// the item costs (1 + fraction) times as much — proportional, whatever the workload, strategy or
/// machine. Spinning (not sleeping) keeps the extra time as precise as the clock allows.
/// </summary>
public sealed class SlowdownItemRunner(IItemRunner inner, double fraction) : IItemRunner
{
    public double Fraction => fraction;

    public long Run(int index)
    {
        var start = Stopwatch.GetTimestamp();
        var result = inner.Run(index);
        Spin(start);
        return result;
    }

    public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.RunAsync(index, cancellationToken).ConfigureAwait(false);
        Spin(start);
        return result;
    }

    public void Dispose() => inner.Dispose();

    private void Spin(long start)
    {
        var itemTicks = Stopwatch.GetTimestamp() - start;
        var until = Stopwatch.GetTimestamp() + (long)(itemTicks * fraction);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(16);
        }
    }
}
