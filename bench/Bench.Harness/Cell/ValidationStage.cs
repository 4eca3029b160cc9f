using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Measurement;
using Bench.Results;
using Bench.Workloads.Contract;

namespace Bench.Harness.Cell;

/// <summary>
/// Step 1 of a cell: one batch under the strategy must equal the single-threaded reference, else the
/// cell is <c>invalid</c> (or <c>failed</c> when items throw) and is never timed.
/// </summary>
internal static class ValidationStage
{
    /// <summary>Runs the check batch; the cell with its validation, and how long the batch took (the iteration budget's unit).</summary>
    /// <returns>The cell as it stands, and whether measuring may go on.</returns>
    public static (CellResult Cell, TimeSpan BatchTime, bool Passed) Check(CellResult cell, ICellExecutor executor, IWorkloadSession session)
    {
        var check = new BatchOutcome(session.ItemCount, trace: false);
        session.BeforeBatch();
        var start = Stopwatch.GetTimestamp();
        executor.ExecuteBatch(check);
        var batchTime = Stopwatch.GetElapsedTime(start);
        if (check.FirstError is not null)
        {
            return (cell with { Error = Describe(check.FirstError, check.ErrorCount) }, batchTime, false);
        }

        check.EnsureComplete();
        var validation = session.Validate(check.Results);
        cell = cell with { Validation = ToResult(validation) };
        return validation.Ok
            ? (cell, batchTime, true)
            : (cell with
            {
                Status = CellStatus.Invalid,
                Error = $"result {validation.Actual} differs from the single-threaded reference {validation.Expected}",
            }, batchTime, false);
    }

    /// <summary>The cell failed or invalid because of a measured sample, or null when every sample ran and validated.</summary>
    public static CellResult? CheckSamples(CellResult cell, IReadOnlyList<SampleObservation> observations)
    {
        var failed = observations.FirstOrDefault(o => o.Error is not null);
        if (failed is not null)
        {
            return cell with { Error = Describe(failed.Error!, failed.ErrorCount) };
        }

        var invalid = observations.FirstOrDefault(o => o.Validation is { Ok: false });
        return invalid is null
            ? null
            : cell with
            {
                Status = CellStatus.Invalid,
                Validation = ToResult(invalid.Validation!),
                Error = $"a measured batch returned {invalid.Validation!.Actual}, not the reference {invalid.Validation.Expected}",
            };
    }

    private static string Describe(string first, int count) =>
        count > 1 ? $"{first} (and {count - 1} more failed items)" : first;

    private static ValidationResult ToResult(Validation v) => new(v.Expected, v.Actual, v.Ok, v.Note, v.LostUpdates);
}
