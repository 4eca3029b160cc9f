using Bench.Workloads.Contract;

namespace Bench.Workloads.Basic;

/// <summary>
/// The guide's <c>square(n)</c> (sections 1.3 and 2.3): item i returns i·i. Almost no work, so a
/// cell measures nothing but the strategy's own overhead per item — dispatch, spawn, pipe round trip.
/// </summary>
public sealed class SquareWorkload : IWorkload
{
    public WorkloadInfo Info { get; } = new(
        "square",
        "the guide's square(n): item i returns i*i; measures pure per-item overhead",
        WorkloadCategory.Overhead,
        HasAsyncForm: false,
        [ParameterSpec.Integer("items", "items per batch", 64, 1, 1_000_000, quick: 8)]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner();

    public static long Square(int n) => (long)n * n;

    private sealed class Runner : BlockingItemRunner
    {
        public override long Run(int index) => Square(index);
    }

    private sealed class Session(ParameterSet parameters) : IWorkloadSession
    {
        public int ItemCount { get; } = parameters.GetInt32("items");

        public ParameterSet RunnerParameters => parameters;

        public void BeforeBatch()
        {
        }

        /// <summary>
        /// The work is nothing (one multiply per item), so the ideal batch is zero and everything measured
        /// is the strategy's own cost: overhead per item = median · W / n, charted against the OS floors.
        /// </summary>
        public TimeSpan? IdealBatchTime(int workers) => TimeSpan.Zero;

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            // The single-threaded reference is a plain loop over the same items; the closed form
            // n(n-1)(2n-1)/6 guards the reference itself.
            long reference = 0;
            for (var i = 0; i < ItemCount; i++)
            {
                reference += Square(i);
            }

            long n = ItemCount;
            if (reference != n * (n - 1) * (2 * n - 1) / 6)
            {
                throw new InvalidOperationException("square reference disagrees with the closed form");
            }

            long actual = 0;
            foreach (var r in itemResults)
            {
                actual += r;
            }

            // A per-item check too: a sum can hide two compensating errors.
            var ok = actual == reference;
            for (var i = 0; ok && i < itemResults.Length; i++)
            {
                ok = itemResults[i] == Square(i);
            }

            return Validation.Compare(reference, actual) with { Ok = ok && itemResults.Length == ItemCount };
        }

        public void Dispose()
        {
        }
    }
}
