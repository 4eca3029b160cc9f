namespace Bench.Workloads.Contract;

/// <summary>
/// Executes work items in one process. Results are 64-bit values (a sum, a count, a hash) so that a
/// result frame from a worker process has a fixed, small size.
/// A runner may be called from several threads at once: <see cref="Run"/> must be thread-safe.
/// </summary>
public interface IItemRunner : IDisposable
{
    /// <summary>The blocking form: runs item <paramref name="index"/> on the calling thread.</summary>
    long Run(int index);

    /// <summary>The async form (only where <see cref="WorkloadInfo.HasAsyncForm"/>): waits without blocking a thread.</summary>
    ValueTask<long> RunAsync(int index, CancellationToken cancellationToken);
}

/// <summary>Base for runners without per-process state to release and without an async form.</summary>
public abstract class BlockingItemRunner : IItemRunner
{
    public abstract long Run(int index);

    public virtual ValueTask<long> RunAsync(int index, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no async form");

    public virtual void Dispose()
    {
    }
}
