namespace Bench.Harness.Execution.Strategies;

/// <summary>Every built-in strategy by name; adding one is one class plus one line here.</summary>
public static class StrategyRegistry
{
    /// <summary>The built-in strategies, in the order reports show them within a family.</summary>
    public static StrategySet BuiltIn { get; } = new(
    [
        new ThreadsStrategy(),
        new ThreadPoolStrategy(),
        new ThreadPoolAsyncStrategy(),
        new ProcessesStrategy(),
        new ProcessPoolStrategy(),
    ]);

    public static IReadOnlyList<IExecutionStrategy> Strategies => BuiltIn.Strategies;

    public static IExecutionStrategy? Find(string name) => BuiltIn.Find(name);

    public static string Names => BuiltIn.Names;
}
