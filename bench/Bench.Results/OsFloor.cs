namespace Bench.Results;

/// <summary>
/// The calibration floors by key: a key is the name of a <see cref="Calibration"/> field, as a strategy
/// descriptor names the floor it is compared with (<see cref="StrategyDescriptor.OsFloor"/>).
/// </summary>
public static class OsFloor
{
    public const string ThreadCreateJoin = "threadCreateJoinNs";
    public const string ProcessSpawnWait = "processSpawnWaitNs";
    public const string PipeRoundTrip = "pipeRoundTripNs";
    public const string UncontendedLock = "uncontendedLockNs";
    public const string TaskRun = "taskRunNs";

    /// <summary>The floor in nanoseconds, or null when the run has no calibration, the key is unknown or the floor was not measured.</summary>
    public static double? Of(Calibration? calibration, string? key)
    {
        var value = (calibration, key) switch
        {
            (null, _) => 0,
            (_, ThreadCreateJoin) => calibration.ThreadCreateJoinNs,
            (_, ProcessSpawnWait) => calibration.ProcessSpawnWaitNs,
            (_, PipeRoundTrip) => calibration.PipeRoundTripNs,
            (_, UncontendedLock) => calibration.UncontendedLockNs,
            (_, TaskRun) => calibration.TaskRunNs,
            _ => 0,
        };
        return value > 0 && double.IsFinite(value) ? value : null;
    }

    /// <summary>What the floor measures, for prose: "thread create+join".</summary>
    public static string Label(string? key) => key switch
    {
        ThreadCreateJoin => "thread create+join",
        ProcessSpawnWait => "process spawn+wait",
        PipeRoundTrip => "pipe round trip",
        UncontendedLock => "uncontended lock",
        TaskRun => "Task.Run round trip",
        _ => key ?? "",
    };
}
