using System.Globalization;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Authoring;

/// <summary>
/// The short way to write a workload: a batch is <see cref="ItemCount"/> independent items, each
/// returning a <c>long</c> (a checksum, a length, a count), and the single-threaded reference is those
/// same items run one after another on one thread, once per cell, before anything is timed. Every
/// batch under every strategy is compared item by item with it; one differing item makes the cell
/// <c>invalid</c>. Items must therefore be deterministic: the same index gives the same result in any
/// process, on any thread, in any order (<see cref="Io.DeterministicBytes"/> gives such inputs).
/// Override <see cref="OpenFixture"/> for a resource the items share (a server, a directory), and
/// <see cref="CreateRunner"/> for per-process state (a client, a buffer pool).
/// </summary>
public abstract class ItemWorkload : IWorkload
{
    public abstract WorkloadInfo Info { get; }

    /// <summary>Items in one batch, for these (resolved) parameters.</summary>
    protected abstract int ItemCount(ParameterSet parameters);

    /// <summary>Item <paramref name="index"/>, the blocking form. Called from many threads at once.</summary>
    protected abstract long RunItem(int index, ParameterSet runnerParameters);

    /// <summary>The async form, where <see cref="WorkloadInfo.HasAsyncForm"/> says there is one.</summary>
    protected virtual ValueTask<long> RunItemAsync(int index, ParameterSet runnerParameters, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no async form");

    /// <summary>
    /// Harness side, once per cell: make what the items share and return the parameters a runner in
    /// any process needs to reach it (a port, a path). The fixture is disposed with the cell.
    /// </summary>
    protected virtual SessionFixture OpenFixture(ParameterSet parameters, SessionShape shape) => new(parameters);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape)
    {
        var fixture = OpenFixture(parameters, shape);
        return new Session(this, ItemCount(parameters), fixture);
    }

    public virtual IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(this, runnerParameters);

    /// <summary>What <see cref="OpenFixture"/> made: the runners' parameters, and what to dispose with the cell.</summary>
    public sealed record SessionFixture(ParameterSet RunnerParameters, IDisposable? Resources = null);

    private sealed class Runner(ItemWorkload workload, ParameterSet parameters) : IItemRunner
    {
        public long Run(int index) => workload.RunItem(index, parameters);

        public ValueTask<long> RunAsync(int index, CancellationToken cancellationToken) => workload.RunItemAsync(index, parameters, cancellationToken);

        public void Dispose()
        {
        }
    }

    private sealed class Session(ItemWorkload workload, int itemCount, SessionFixture fixture) : IWorkloadSession
    {
        private long[]? _reference;

        public int ItemCount => itemCount;

        public ParameterSet RunnerParameters => fixture.RunnerParameters;

        public void BeforeBatch()
        {
        }

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            var reference = _reference ??= Reference();
            long expected = 0, actual = 0;
            var firstWrong = -1;
            for (var i = 0; i < reference.Length; i++)
            {
                expected = unchecked(expected + reference[i]);
                var got = i < itemResults.Length ? itemResults[i] : 0;
                actual = unchecked(actual + got);
                if (got != reference[i] && firstWrong < 0)
                {
                    firstWrong = i;
                }
            }

            var ok = firstWrong < 0 && itemResults.Length == reference.Length;
            var note = firstWrong >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"item {firstWrong}: expected {reference[firstWrong]}, got {itemResults[firstWrong]}")
                : itemResults.Length != reference.Length ? string.Create(CultureInfo.InvariantCulture, $"{itemResults.Length} results for {reference.Length} items") : null;
            return new Validation(expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture), ok, note);
        }

        /// <summary>The single-threaded reference: every item in order on this thread, through a runner of this process.</summary>
        private long[] Reference()
        {
            using var runner = workload.CreateRunner(fixture.RunnerParameters);
            var results = new long[itemCount];
            for (var i = 0; i < itemCount; i++)
            {
                results[i] = runner.Run(i);
            }

            return results;
        }

        public void Dispose() => fixture.Resources?.Dispose();
    }
}
