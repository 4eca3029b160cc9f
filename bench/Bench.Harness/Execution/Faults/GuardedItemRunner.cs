using Bench.Protocol.Faults;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Faults;

/// <summary>
/// Wraps a workload's runner for items that run in harness threads: marks each item's start and end for
/// the <see cref="HangWatch"/> and fires injected <c>hang</c>/<c>throw</c> faults. Used only when the cell
/// has a timeout or a fault plan; otherwise strategies run the workload's runner directly.
/// </summary>
internal sealed class GuardedItemRunner(IItemRunner inner, string workload, HangWatch? watch, FaultPlan? plan) : IItemRunner
{
    public long Run(int index)
    {
        watch?.ItemStarted(index, async: false);
        try
        {
            if (plan?.TryFire(workload, index, FaultSite.InProcess) is { } fault)
            {
                if (fault.Kind == FaultKind.Hang)
                {
                    Thread.Sleep(Timeout.Infinite);
                }

                throw new InjectedFaultException($"injected fault {fault} at item {index}");
            }

            return inner.Run(index);
        }
        finally
        {
            watch?.ItemEnded(index);
        }
    }

    public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
    {
        watch?.ItemStarted(index, async: true);
        try
        {
            if (plan?.TryFire(workload, index, FaultSite.InProcess) is { } fault)
            {
                if (fault.Kind == FaultKind.Hang)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }

                throw new InjectedFaultException($"injected fault {fault} at item {index}");
            }

            return await inner.RunAsync(index, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            watch?.ItemEnded(index);
        }
    }

    public void Dispose() => inner.Dispose();
}
