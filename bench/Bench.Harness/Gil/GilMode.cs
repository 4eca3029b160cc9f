using Bench.Harness.Strategies;
using Bench.Workloads.Contract;

namespace Bench.Harness.Gil;

/// <summary>
/// How <c>bench run --gil</c> shows up in a cell: as the parameter <c>gil=on</c>, so that cells with and
/// without the GIL have different keys (matched correctly by <c>bench compare</c> and <c>--resume</c>)
/// and the report can show them as their own series. The harness strips it before the workload sees its
/// parameters: it changes how items run, not what they compute.
/// </summary>
public static class GilMode
{
    public const string Parameter = "gil";
    public const string On = "on";

    public static bool IsOn(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue(Parameter, out var value) && value == On;

    public static IEnumerable<KeyValuePair<string, string>> WorkloadParameters(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Where(p => p.Key != Parameter);

    /// <summary>Cells that get a GIL variant: CPU-bound workloads under strategies that run items on harness threads with the blocking form.</summary>
    public static bool AppliesTo(WorkloadInfo workload, StrategyInfo strategy) =>
        workload.Category == WorkloadCategory.CpuBound && !strategy.UsesProcesses && !strategy.NeedsAsyncForm;
}
