using Bench.Harness.Execution.Workers;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Faults;

/// <summary>
/// Starts, watches and replaces the worker processes of one cell. A worker that dies (SIGKILL, a crash,
/// an abnormal exit), hangs past the item timeout or breaks the protocol is noticed at once — its pipe
/// reaches end of file — and is never waited for: its items run again on a fresh worker as often as the
/// cell's policy allows (the cell then carries a warning), or the batch fails with the worker's pid, how
/// it ended and its last stderr lines. CPython's Pool hangs forever in the same situation (issue #96062).
/// </summary>
/// <param name="faults">The cell's fault policy, hang watch and warnings.</param>
/// <param name="launcher">Starts worker processes.</param>
/// <param name="workload">The workload every worker sets up.</param>
/// <param name="runnerParameters">The session's runner parameters, sent to every worker.</param>
public sealed class WorkerSupervisor(CellFaults faults, WorkerLauncher launcher, string workload, ParameterSet runnerParameters)
{
    private int Retries => faults.Policy.Retries;

    /// <summary>Starts a worker, has the hang watch look after it, and sets it up for the cell's workload.</summary>
    public WorkerProcess StartReady()
    {
        var worker = launcher.Start();
        faults.Watch?.Watch(worker);
        try
        {
            worker.Setup(workload, runnerParameters);
            return worker;
        }
        catch
        {
            Retire(worker);
            throw;
        }
    }

    /// <summary>Stops watching the worker and ends it (closing stdin; killing it if it lingers).</summary>
    public void Retire(WorkerProcess worker)
    {
        faults.Watch?.Unwatch(worker);
        worker.Dispose();
    }

    /// <summary>
    /// Runs items [first, first+count) on the pooled worker in <paramref name="worker"/>, replacing it
    /// (in place) when it fails. Returns false when the items failed for good; then the slot is null.
    /// </summary>
    public bool RunPooled(ref WorkerProcess? worker, string slot, int first, int count, BatchOutcome outcome)
    {
        string? firstFailure = null;
        for (var attempt = 0; ; attempt++)
        {
            if (worker is null)
            {
                try
                {
                    worker = StartReady();
                }
                catch (WorkerException e)
                {
                    outcome.Fail(Failure(firstFailure, $"the replacement worker for {slot} failed to start: {e.Message}"));
                    return false;
                }
            }

            var bytes = worker.PipeBytes;
            try
            {
                worker.Run(first, count, outcome);
                Interlocked.Add(ref outcome.PipeBytes, worker.PipeBytes - bytes);
                if (firstFailure is not null)
                {
                    faults.Warn($"{firstFailure}; the worker ({slot}) was replaced by worker {worker.Pid} and the retry succeeded");
                }

                return true;
            }
            catch (WorkerException e)
            {
                Interlocked.Add(ref outcome.PipeBytes, worker.PipeBytes - bytes);
                Retire(worker);
                worker = null;
                if (outcome.ErrorCount > 0 && firstFailure is null)
                {
                    return false; // stopped because the batch had already failed: not a fault of its own
                }

                if (attempt >= Retries)
                {
                    outcome.Fail(Failure(firstFailure, $"{e.Message} ({slot})"));
                    return false;
                }

                firstFailure ??= $"{e.Message} ({slot})";
            }
        }
    }

    /// <summary>
    /// Runs one item in a fresh worker process of its own (the processes strategy), and again in another
    /// when that worker fails and the policy allows. Every worker's life goes on the trace.
    /// </summary>
    public void RunInFreshWorker(int index, BatchOutcome outcome)
    {
        string? firstFailure = null;
        for (var attempt = 0; ; attempt++)
        {
            WorkerProcess? worker = null;
            try
            {
                worker = StartReady();
                worker.Run(index, 1, outcome);
                if (firstFailure is not null)
                {
                    faults.Warn($"{firstFailure}; item {index} ran again in worker {worker.Pid} and the retry succeeded");
                }

                return;
            }
            catch (WorkerException e)
            {
                if (attempt >= Retries)
                {
                    outcome.Fail(Failure(firstFailure, e.Message));
                    return;
                }

                firstFailure ??= e.Message;
            }
            finally
            {
                if (worker is not null)
                {
                    Interlocked.Add(ref outcome.PipeBytes, worker.PipeBytes);
                    Retire(worker);
                    if (worker.PeakRssBytes is { } peak)
                    {
                        outcome.NoteWorkerPeak(peak);
                    }

                    if (worker.FinalCounters is { } counters)
                    {
                        outcome.NoteExitedWorkerCounters(counters);
                    }

                    outcome.TraceProcess(worker.Pid, worker.SpawnTimestamp, worker.ReadyTimestamp, worker.ExitTimestamp);
                }
            }
        }
    }

    private string Failure(string? firstFailure, string last) =>
        firstFailure is null
            ? Retries == 0 ? $"{last} (not retried: --retry 0)" : last
            : $"{firstFailure}; retried on a fresh worker, which failed too: {last}";
}
