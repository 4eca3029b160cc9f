using System.Globalization;

namespace Bench.Harness.Machine;

/// <summary>The floors as an aligned text table, for <c>bench calibrate</c> and the start of <c>bench run</c>.</summary>
public static class CalibrationTable
{
    public static IReadOnlyList<string> Lines(Results.Calibration floors)
    {
        (string Name, double Ns)[] rows =
        [
            ("thread create + start + join", floors.ThreadCreateJoinNs),
            ($"spawn + wait of {OsFloors.TrivialProgram}", floors.ProcessSpawnWaitNs),
            ("pipe round trip (1 byte via cat)", floors.PipeRoundTripNs),
            ("uncontended lock", floors.UncontendedLockNs),
            ("Task.Run round trip", floors.TaskRunNs),
        ];
        var width = rows.Max(r => r.Name.Length);
        var lines = new List<string> { $"{"OS floor".PadRight(width)}  {"median",12}" };
        lines.AddRange(rows.Select(r => $"{r.Name.PadRight(width)}  {Format(r.Ns),12}"));
        return lines;
    }

    /// <summary>A duration with a unit that keeps three significant figures readable.</summary>
    public static string Format(double ns) => double.IsNaN(ns) ? "n/a" : ns switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns:F1} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F2} µs"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:F2} s"),
    };
}
