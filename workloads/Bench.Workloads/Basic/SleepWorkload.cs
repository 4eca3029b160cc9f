using Bench.Workloads.Contract;

namespace Bench.Workloads.Basic;

/// <summary>
/// Each item waits D ms: the purest I/O-bound work, with a known ideal — a batch of n items at W
/// workers takes ⌈n/W⌉·D plus the strategy's overhead. The blocking form sleeps the thread; the async
/// form awaits a timer and blocks nothing.
/// </summary>
public sealed class SleepWorkload : IWorkload
{
    public WorkloadInfo Info { get; } = new(
        "sleep",
        "each item waits D ms (blocking: Thread.Sleep; async: Task.Delay); ideal batch time ceil(n/W)*D",
        WorkloadCategory.IoBound,
        HasAsyncForm: true,
        [
            ParameterSpec.Integer("items", "items per batch", 32, 1, 100_000, quick: 8),
            ParameterSpec.Integer("ms", "wait per item", 20, 0, 10_000, quick: 5, unit: "ms"),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(runnerParameters.GetInt32("ms"));

    private sealed class Runner(int milliseconds) : IItemRunner
    {
        public long Run(int index)
        {
            Thread.Sleep(milliseconds);
            return 1;
        }

        public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
        {
            await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        public void Dispose()
        {
        }
    }

    private sealed class Session(ParameterSet parameters) : IWorkloadSession
    {
        public int ItemCount { get; } = parameters.GetInt32("items");

        public ParameterSet RunnerParameters => parameters;

        public void BeforeBatch()
        {
        }

        public TimeSpan? IdealBatchTime(int workers) =>
            TimeSpan.FromMilliseconds((double)((ItemCount + workers - 1) / workers) * parameters.GetInt32("ms"));

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            // Every item reports 1 when its wait completed: the count must equal the item count.
            long actual = 0;
            foreach (var r in itemResults)
            {
                actual += r == 1 ? 1 : 0;
            }

            return Validation.Compare(ItemCount, actual);
        }

        public void Dispose()
        {
        }
    }
}
