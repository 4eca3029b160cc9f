namespace Bench.Harness.Strategies;

/// <summary>Every strategy by name; adding one is one class plus one line here.</summary>
public static class StrategyRegistry
{
    private static readonly IReadOnlyList<IExecutionStrategy> All =
    [
        new ThreadsStrategy(),
        new ThreadPoolStrategy(),
        new ThreadPoolAsyncStrategy(),
        new ProcessesStrategy(),
        new ProcessPoolStrategy(),
    ];

    public static IReadOnlyList<IExecutionStrategy> Strategies => All;

    public static IExecutionStrategy? Find(string name) => All.FirstOrDefault(s => s.Info.Name == name);

    public static string Names => string.Join(", ", All.Select(s => s.Info.Name));
}
