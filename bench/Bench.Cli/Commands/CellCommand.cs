using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Bench.Harness.Cell;
using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Planning;
using Bench.Protocol.Faults;
using Bench.Results;
using Bench.Workloads;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench cell</c> (internal): measures one cell in this fresh process and writes its result. Started
/// by <c>bench run</c>; exits as soon as its stdin — the lifeline to the run — reaches end of file.
/// SIGINT is ignored here: a Ctrl+C in a terminal reaches the whole process group, and it is the run
/// that decides what an interrupted cell means (it kills this process tree and journals nothing).
/// </summary>
internal static class CellCommand
{
    public static Command Create()
    {
        var spec = new Option<string>("--spec") { Required = true, Description = "the cell's spec (JSON), written by bench run" };
        var result = new Option<string>("--result") { Required = true, Description = "where to write the cell's result (JSON)" };
        // Listed in the help (every subcommand is), though only bench run starts it: it lives as long as its stdin.
        var command = new Command("cell", "internal: measure one cell in this process (bench run starts one per cell; stdin is its lifeline)") { spec, result };
        command.SetAction(parse =>
        {
            WatchLifeline();
            using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            var cell = CellSpecJson.Deserialize(File.ReadAllText(parse.GetValue(spec)!))
                       ?? throw new BadInputException("empty cell spec");
            if (cell.Assembly is { } assembly)
            {
                WorkloadRegistry.AddAssembly(assembly); // before any lookup of the cell's workload
            }

            var resultPath = parse.GetValue(result)!;
            var writer = new CellResultWriter(resultPath);

            // Faults injected by tests are shared by every process of the cell through this directory.
            var launcher = WorkerLauncher.Locate();
            var stateDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultPath))!, cell.FileId + ".faults");
            FaultPlan.TryParse(Environment.GetEnvironmentVariable(FaultPlan.EnvironmentVariable), stateDirectory, out var plan, out _);
            if (plan is not null)
            {
                launcher = launcher.WithEnvironment(FaultPlan.StateVariable, stateDirectory);
            }

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
            return 0;
        });
        return command;
    }

    /// <summary>
    /// An item hung in a harness thread. A thread cannot be killed, so the cell is reported as failed and
    /// this process ends, taking the thread with it; the run kills the process if it lingers.
    /// </summary>
    private static void Abandon(CellSpec cell, CellFaults faults, CellResultWriter writer, string message)
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
        Bench.Workloads.Fixtures.LeftoverFixtures.RemoveOwn(); // the sessions' Dispose will not run
        Environment.Exit(0);
    }

    private static void WatchLifeline()
    {
        if (!Console.IsInputRedirected)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            var stdin = Console.OpenStandardInput();
            var buffer = new byte[64];
            while (stdin.Read(buffer) > 0)
            {
            }

            // The run is gone: stop now, taking this cell's shared files along (its sessions' Dispose will
            // not run). Worker processes see their pipes close and exit too.
            Bench.Workloads.Fixtures.LeftoverFixtures.RemoveOwn();
            Environment.Exit(137);
        })
        {
            IsBackground = true,
            Name = "lifeline",
        };
        thread.Start();
    }

    /// <summary>Writes the cell's result once: the measured one, or the abandoned one, whichever comes first.</summary>
    private sealed class CellResultWriter(string path)
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
