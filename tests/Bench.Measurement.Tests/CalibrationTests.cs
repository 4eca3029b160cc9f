using Bench.Harness.Machine;

namespace Bench.Measurement.Tests;

public class CalibrationTests
{
    [Fact]
    public void FloorsArePositiveAndOrderedAsTheOsCostsThem()
    {
        var floors = OsFloors.Measure(scale: 0.1);

        foreach (var ns in new[] { floors.ThreadCreateJoinNs, floors.PipeRoundTripNs, floors.UncontendedLockNs, floors.TaskRunNs })
        {
            Assert.True(ns > 0 && double.IsFinite(ns), $"floor {ns}");
        }

        // Orders of magnitude apart on any machine: a lock is nanoseconds, a thread microseconds,
        // a process spawn at least tens of microseconds more than a thread.
        Assert.True(floors.UncontendedLockNs < floors.ThreadCreateJoinNs, $"lock {floors.UncontendedLockNs} vs thread {floors.ThreadCreateJoinNs}");
        if (File.Exists(OsFloors.TrivialProgram))
        {
            Assert.True(floors.ThreadCreateJoinNs < floors.ProcessSpawnWaitNs, $"thread {floors.ThreadCreateJoinNs} vs spawn {floors.ProcessSpawnWaitNs}");
        }
    }

    [Fact]
    public void TableNamesEveryFloorWithAUnit()
    {
        var lines = CalibrationTable.Lines(new Results.Calibration
        {
            ThreadCreateJoinNs = 52_000,
            ProcessSpawnWaitNs = 1_900_000,
            PipeRoundTripNs = 18_500,
            UncontendedLockNs = 21.3,
            TaskRunNs = double.NaN,
        });

        Assert.Equal(6, lines.Count);
        Assert.Contains(lines, l => l.Contains("thread create", StringComparison.Ordinal) && l.EndsWith("52.00 µs", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("spawn", StringComparison.Ordinal) && l.EndsWith("1.90 ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lock", StringComparison.Ordinal) && l.EndsWith("21.3 ns", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Task.Run", StringComparison.Ordinal) && l.EndsWith("n/a", StringComparison.Ordinal));
    }
}
