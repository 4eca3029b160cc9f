using Bench.Results;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// An immutable set of strategies: the built-in ones (<see cref="StrategyRegistry.BuiltIn"/>), or those
/// plus more (<see cref="With"/>), e.g. a strategy a test defines. Each is described for results.json
/// with its registration order as its display order.
/// </summary>
public sealed class StrategySet
{
    public StrategySet(IEnumerable<IExecutionStrategy> strategies)
    {
        Strategies = [.. strategies];
        var duplicate = Strategies.GroupBy(s => s.Info.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two strategies are named '{duplicate.Key}'");
        }

        Descriptors = [.. Strategies.Select((s, i) => s.Info.Describe(i))];
    }

    public IReadOnlyList<IExecutionStrategy> Strategies { get; }

    /// <summary>What results.json records about every strategy of the set (<see cref="RunResults.Strategies"/>).</summary>
    public IReadOnlyList<StrategyDescriptor> Descriptors { get; }

    public string Names => string.Join(", ", Strategies.Select(s => s.Info.Name));

    public IExecutionStrategy? Find(string name) => Strategies.FirstOrDefault(s => s.Info.Name == name);

    /// <summary>This set and one more strategy, shown after the others of its family.</summary>
    public StrategySet With(IExecutionStrategy strategy) => new([.. Strategies, strategy]);
}
