using System.CommandLine;
using Bench.Harness.Cell;

namespace Bench.Cli.Commands;

/// <summary><c>bench cell</c> (internal): the cell process, started by <c>bench run</c> once per cell (<see cref="CellMain"/>).</summary>
internal static class CellCommand
{
    public static Command Create()
    {
        var spec = new Option<string>(CellMain.SpecOption) { Required = true, Description = "the cell's spec (JSON), written by bench run" };
        var result = new Option<string>(CellMain.ResultOption) { Required = true, Description = "where to write the cell's result (JSON)" };
        // Listed in the help (every subcommand is), though only bench run starts it: it lives as long as the run.
        var command = new Command(CellMain.Verb, "internal: measure one cell in this process (bench run starts one per cell; it ends with the run)") { spec, result };
        command.SetAction(parse =>
        {
            var cell = CellMain.ReadSpec(parse.GetValue(spec)!) ?? throw new BadInputException("empty cell spec");
            CellMain.Run(cell, parse.GetValue(result)!);
            return 0;
        });
        return command;
    }
}
