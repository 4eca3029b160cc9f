namespace Bench.Harness.Execution.Strategies;

/// <summary>Runs batches of one cell. Dispose releases threads, pools and worker processes.</summary>
public interface ICellExecutor : IDisposable
{
    /// <summary>Runs every item of the session once; records results (and traces) in <paramref name="outcome"/>.</summary>
    void ExecuteBatch(BatchOutcome outcome);

    /// <summary>Chunk size actually used (process-pool), for the results file.</summary>
    int? EffectiveChunkSize => null;

    /// <summary>Time it took to start the pool, for process-pool.</summary>
    double? StartupNs => null;

    /// <summary>PIDs of worker processes that live across batches (process-pool), for resource readings.</summary>
    IReadOnlyList<int> LiveWorkerPids => [];

    /// <summary>Runtime counters of the workers that live across batches, asked for over their pipes; only between batches.</summary>
    IReadOnlyList<(int Pid, Protocol.RuntimeCounters Counters)> ReadWorkerCounters() => [];
}
