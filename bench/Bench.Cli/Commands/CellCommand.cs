using System.CommandLine;
using System.Text.Json;
using Bench.Harness.Measurement;
using Bench.Harness.Planning;
using Bench.Harness.Workers;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench cell</c> (internal): measures one cell in this fresh process and writes its result. Started
/// by <c>bench run</c>; exits as soon as its stdin — the lifeline to the run — reaches end of file.
/// </summary>
internal static class CellCommand
{
    public static Command Create()
    {
        var spec = new Option<string>("--spec") { Required = true };
        var result = new Option<string>("--result") { Required = true };
        var command = new Command("cell", "internal: measure one cell (started by bench run)") { spec, result };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            WatchLifeline();
            var cell = JsonSerializer.Deserialize<CellSpec>(File.ReadAllText(parse.GetValue(spec)!), ResultsFile.Options)
                       ?? throw new BadInputException("empty cell spec");
            var measured = CellRunner.Run(cell, WorkerLauncher.Locate());
            AtomicFile.WriteAllText(parse.GetValue(result)!, JsonSerializer.Serialize(measured, ResultsFile.Options));
            return 0;
        });
        return command;
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

            // The run is gone: stop now. Worker processes see their pipes close and exit too.
            Environment.Exit(137);
        })
        {
            IsBackground = true,
            Name = "lifeline",
        };
        thread.Start();
    }
}
