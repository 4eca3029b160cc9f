using System.CommandLine;
using System.Text.Json;
using Bench.Harness.Machine;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary><c>bench calibrate</c>: measure and print this machine's OS floors (also done at the start of every run).</summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "print the floors as JSON (the results.json calibration object)" };
        var command = new Command("calibrate", "measure the OS floors: thread create+join, process spawn+wait, pipe round trip, lock, Task.Run") { json };
        command.SetAction(parse =>
        {
            var floors = OsFloors.Measure();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(floors, ResultsFile.Options));
            }
            else
            {
                foreach (var line in CalibrationTable.Lines(floors))
                {
                    output.WriteLine(line);
                }
            }

            return 0;
        });
        return command;
    }
}
