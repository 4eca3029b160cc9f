using System.Runtime.InteropServices;
using System.Text.Json;
using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Planning;
using Bench.Protocol;
using Bench.Protocol.Faults;
using Bench.Results;
using Bench.Workloads;
using Bench.Workloads.Fixtures;

namespace Bench.Harness.Cell;

/// <summary>
/// The cell process (<c>bench cell</c>): measures one cell in this fresh process and writes its result.
/// Started by <c>bench run</c> (<see cref="Run.CellProcess"/>); exits as soon as the run is gone
/// (<see cref="Lifeline"/>). SIGINT is ignored here: a Ctrl+C in a terminal reaches the whole process
/// group, and it is the run that decides what an interrupted cell means (it kills this process tree and
/// journals nothing).
/// </summary>
public static class CellMain
{
    /// <summary>The subcommand that starts a cell process.</summary>
    public const string Verb = "cell";

    /// <summary>The option naming the cell's spec (JSON), written by the run.</summary>
    public const string SpecOption = "--spec";

    /// <summary>The option naming where the cell's result (JSON) goes.</summary>
    public const string ResultOption = "--result";

    /// <summary>The spec the run wrote for this cell, or null when the file holds none.</summary>
    public static CellSpec? ReadSpec(string specPath) => CellSpecJson.Deserialize(File.ReadAllText(specPath));

    /// <summary>Measures <paramref name="cell"/> and writes its result to <paramref name="resultPath"/>.</summary>
    public static void Run(CellSpec cell, string resultPath)
    {
        Lifeline.Watch(LeftoverFixtures.RemoveOwn); // the sessions' Dispose will not run
        using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        if (cell.Assembly is { } assembly)
        {
            WorkloadRegistry.AddAssembly(assembly); // before any lookup of the cell's workload
        }

        var writer = new ResultWriter(resultPath);
        var (launcher, plan) = InjectedFaults(cell, resultPath);
        var policy = new FaultPolicy(cell.ItemTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, cell.Retries);
        CellFaults? self = null;
        using var faults = new CellFaults(policy, plan, abandon: message => Abandon(cell, self!, writer, message));
        self = faults;
        var measured = CellRunner.Run(cell, launcher, faults);
        if (faults.Warnings.Count > 0)
        {
            measured = measured with { Warnings = [.. measured.Warnings, .. faults.Warnings] };
        }

        writer.Write(measured);
    }

    /// <summary>The worker launcher, and the faults tests inject (shared by every process of the cell through a directory beside the result).</summary>
    private static (WorkerLauncher Launcher, FaultPlan? Plan) InjectedFaults(CellSpec cell, string resultPath)
    {
        var launcher = WorkerLauncher.Locate();
        var stateDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultPath))!, cell.FileId + ".faults");
        FaultPlan.TryParse(Environment.GetEnvironmentVariable(FaultPlan.EnvironmentVariable), stateDirectory, out var plan, out _);
        return plan is null ? (launcher, null) : (launcher.WithEnvironment(FaultPlan.StateVariable, stateDirectory), plan);
    }

    /// <summary>
    /// An item hung in a harness thread. A thread cannot be killed, so the cell is reported as failed and
    /// this process ends, taking the thread with it; the run kills the process if it lingers.
    /// </summary>
    private static void Abandon(CellSpec cell, CellFaults faults, ResultWriter writer, string message)
    {
        var workload = WorkloadRegistry.Find(cell.Workload);
        writer.Write(new CellResult
        {
            Workload = cell.Workload,
            Category = workload is null ? null : CellRunner.CategoryName(workload.Info.Category),
            Strategy = cell.Strategy,
            Variant = cell.Variant,
            Workers = cell.Workers,
            Items = faults.ItemCount,
            Parameters = cell.Parameters,
            Status = CellStatus.Failed,
            Error = message,
            Warnings = faults.Warnings,
        });
        LeftoverFixtures.RemoveOwn(); // the sessions' Dispose will not run
        Environment.Exit(0);
    }

    /// <summary>Writes the cell's result once: the measured one, or the abandoned one, whichever comes first.</summary>
    private sealed class ResultWriter(string path)
    {
        private int _written;

        public void Write(CellResult result)
        {
            if (Interlocked.Exchange(ref _written, 1) == 0)
            {
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, ResultsFile.WriteOptions));
            }
        }
    }
}
