using Bench.Compare;
using Bench.Store.Runs;

namespace Bench.History;

/// <summary>What the history report covers, and the test a step must pass to count as a change point.</summary>
/// <param name="Runs">Which runs: a machine, a branch, the newest N (null: all).</param>
/// <param name="Test">bench compare's threshold, noise and alpha (defaults 5%, 1%, 0.01): a step is a change point when compare would call it slower or faster.</param>
public sealed record HistoryOptions(RunFilter Runs, ComparisonOptions Test)
{
    public static HistoryOptions Default => new(new RunFilter(), new ComparisonOptions());
}
