using Bench.Reports.Guide;
using Bench.Reports.Model;
using Bench.Results;
using Bench.Store.Runs;

namespace Bench.History.Machines;

/// <summary>
/// One machine as the side-by-side section shows it, from its newest run in the store: the guide's answer
/// there (the run report's own headline), the speedup of each strategy at W = the machine's logical cores,
/// and each strategy's cost per item against the OS floor its descriptor names, on that machine.
/// </summary>
public sealed class MachineProfile
{
    public MachineProfile(StoredMachine machine, StoredRun newest, RunResults results)
    {
        Machine = machine;
        Newest = newest;
        Data = new ReportData(results);
        Headline = Bench.Reports.Guide.Headline.Compute(Data);
    }

    public StoredMachine Machine { get; }

    public StoredRun Newest { get; }

    public ReportData Data { get; }

    public IReadOnlyList<HeadlineLine> Headline { get; }

    public int Cores => Data.Environment.LogicalCores;

    /// <summary>
    /// The strategy's cell at W = cores in the first group of <paramref name="workload"/> (sizes may differ
    /// between machines), or at the largest W below it that was measured; null when neither is there.
    /// </summary>
    public CellView? AtCores(string workload, string strategy) =>
        Data.Groups.FirstOrDefault(g => g.Workload == workload)?.OkCells
            .Where(c => c.Strategy == strategy && c.Workers <= Cores && c.SpeedupVsW1 is not null)
            .MaxBy(c => c.Workers);

    /// <summary>
    /// The strategy's overhead per item over the ideal time at the smallest W measured (W = 1: items do not
    /// contend), in a workload that knows its ideal time (sleep); null where none does.
    /// </summary>
    public CellView? PerItemCost(string strategy) =>
        Data.OkCells.Where(c => c.Strategy == strategy && c.OverheadPerItemNs is > 0)
            .OrderBy(c => c.Workers).ThenBy(c => c.Ordinal).FirstOrDefault();

    /// <summary>
    /// The OS floor (an <see cref="OsFloor"/> key) the series' strategy pays per item at the least, as its
    /// descriptor in results.json names it: a thread, a process, a pipe round trip, a pool hand-off.
    /// </summary>
    public string? FloorOf(string series) => Data.Strategies.Describe(series).Strategy.OsFloor;
}
