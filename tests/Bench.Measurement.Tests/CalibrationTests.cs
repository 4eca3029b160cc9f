using Bench.Harness.Machine;

namespace Bench.Measurement.Tests;

[Trait("Category", "Process")]
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

        // A lock is nanoseconds and a thread start tens of microseconds: four orders of magnitude apart,
        // which survives a loaded machine. (Thread vs process spawn is only ~10× apart: a busy test host
        // can invert that, so it is not asserted here — the run's calibration table shows it.)
        Assert.True(floors.UncontendedLockNs < floors.ThreadCreateJoinNs, $"lock {floors.UncontendedLockNs} vs thread {floors.ThreadCreateJoinNs}");
        if (File.Exists(OsFloors.TrivialProgram))
        {
            Assert.True(floors.ProcessSpawnWaitNs > 0 && double.IsFinite(floors.ProcessSpawnWaitNs), $"spawn {floors.ProcessSpawnWaitNs}");
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
