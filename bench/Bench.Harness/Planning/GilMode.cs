using Bench.Harness.Execution.Strategies;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Planning;

/// <summary>
/// How <c>bench run --gil</c> shows up in a cell: as its variant (<see cref="CellVariants.Gil"/>), so that
/// cells with and without the GIL have different keys (matched correctly by <c>bench compare</c> and
/// <c>--resume</c>) and the report shows them as their own series. It changes how items run, not what
/// they compute: the workload never sees it.
/// </summary>
public static class GilMode
{
    public static bool IsOn(string? variant) => variant == CellVariants.Gil;

    /// <summary>Cells that get a GIL variant: CPU-bound workloads under strategies that run items on harness threads with the blocking form.</summary>
    public static bool AppliesTo(WorkloadInfo workload, StrategyInfo strategy) =>
        workload.Category == WorkloadCategory.CpuBound && !strategy.UsesProcesses && !strategy.NeedsAsyncForm;
}
