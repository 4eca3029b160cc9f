namespace Bench.Workloads.Contract;

/// <summary>
/// One cell's view of a workload, on the harness side: how many items a batch has, what a runner in
/// another process needs to know, and whether a batch's combined result is right.
/// Disposing it removes every fixture (temp files, servers, mapped files), also after a failure.
/// </summary>
public interface IWorkloadSession : IDisposable
{
    /// <summary>Items in one batch.</summary>
    int ItemCount { get; }

    /// <summary>Parameters a runner needs, including fixture handles (a port, a directory, a mapped file's path).
    /// Pure data: they travel to worker processes.</summary>
    ParameterSet RunnerParameters { get; }

    /// <summary>Called before every batch (e.g. to reset a shared counter).</summary>
    void BeforeBatch();

    /// <summary>
    /// True when a batch's result lives in the session's shared state (counter: the mapped counters; blur:
    /// the destination image), which the next <see cref="BeforeBatch"/> clears: such a batch must be
    /// validated before the next one starts, so a sample never runs two of them.
    /// </summary>
    bool BatchesShareState => false;

    /// <summary>
    /// Compares a batch's item results with the single-threaded reference. <paramref name="itemResults"/>
    /// is indexed by item. A result that differs is <c>ok=false</c> — the cell is then <c>invalid</c>.
    /// </summary>
    Validation Validate(ReadOnlySpan<long> itemResults);

    /// <summary>
    /// The batch time an ideal executor with no overhead would take at <paramref name="workers"/> workers,
    /// where the workload knows it (sleep: ⌈n/W⌉·D); null otherwise.
    /// </summary>
    TimeSpan? IdealBatchTime(int workers) => null;

    /// <summary>
    /// A workload-specific reading of the median batch time for the cell's validation note (counter: the
    /// cost per increment, batch time ÷ K), or null.
    /// </summary>
    string? DescribeTiming(double medianBatchNs) => null;
}

/// <summary>Outcome of a validation: what the reference says, what the batch produced.</summary>
/// <param name="Expected">The single-threaded reference's combined result, as text.</param>
/// <param name="Actual">The batch's combined result, as text.</param>
/// <param name="Ok">Whether the batch is correct. A finding that is expected (lost updates without a lock) is still ok.</param>
/// <param name="Note">Optional finding to report, e.g. "lost updates: 1234".</param>
/// <param name="LostUpdates">For race experiments: expected minus actual total; null elsewhere.</param>
public sealed record Validation(string Expected, string Actual, bool Ok, string? Note = null, long? LostUpdates = null)
{
    public static Validation Compare(long expected, long actual) =>
        new(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            actual.ToString(System.Globalization.CultureInfo.InvariantCulture),
            expected == actual);
}
