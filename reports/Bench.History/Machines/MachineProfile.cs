using Bench.Reports.Charts;
using Bench.Reports.Guide;
using Bench.Reports.Model;
using Bench.Results;
using Bench.Store.Runs;

namespace Bench.History.Machines;

/// <summary>
/// One machine as the side-by-side section shows it, from its newest run in the store: the guide's answer
/// there (the run report's own headline), the speedup of each strategy at W = the machine's logical cores,
/// and each strategy's cost per item against the OS floor it cannot beat on that machine.
/// </summary>
public sealed class MachineProfile
{
    public MachineProfile(StoredMachine machine, StoredRun newest, RunResults results)
    {
        Machine = machine;
        Newest = newest;
        Data = new ReportData(results);
        Headline = Bench.Reports.Guide.Headline.Compute(Data);
        Floors = OverheadChart.Floors(results.Calibration).ToDictionary(f => f.Name, f => f.Ns, StringComparer.Ordinal);
    }

    public StoredMachine Machine { get; }

    public StoredRun Newest { get; }

    public ReportData Data { get; }

    public IReadOnlyList<HeadlineLine> Headline { get; }

    public int Cores => Data.Environment.LogicalCores;

    /// <summary>OS floors from the run's calibration, by name ("thread create+join", …); empty without one.</summary>
    public IReadOnlyDictionary<string, double> Floors { get; }

    /// <summary>
    /// The strategy's cell at W = cores in the first group of <paramref name="workload"/> (sizes may differ
    /// between machines), or at the largest W below it that was measured; null when neither is there.
    /// </summary>
    public CellView? AtCores(string workload, string strategy) =>
        Data.Groups.FirstOrDefault(g => g.Workload == workload)?.OkCells
            .Where(c => c.Strategy == strategy && c.Workers <= Cores && c.Speedup is not null)
            .MaxBy(c => c.Workers);

    /// <summary>
    /// The strategy's overhead per item over the ideal time at the smallest W measured (W = 1: items do not
    /// contend), in a workload that knows its ideal time (sleep); null where none does.
    /// </summary>
    public CellView? PerItemCost(string strategy) =>
        Data.OkCells.Where(c => c.Strategy == strategy && c.OverheadPerItemNs is > 0)
            .OrderBy(c => c.Workers).ThenBy(c => c.Ordinal).FirstOrDefault();

    /// <summary>The OS floor a strategy pays per item at the least: a thread, a process, a pipe round trip, a pool hand-off.</summary>
    public static string? FloorOf(string strategy) => strategy switch
    {
        Strategies.Threads => "thread create+join",
        Strategies.Processes => "process spawn+wait",
        Strategies.ProcessPool => "pipe round trip",
        Strategies.ThreadPool or Strategies.ThreadPoolAsync => "Task.Run",
        _ => null,
    };
}
