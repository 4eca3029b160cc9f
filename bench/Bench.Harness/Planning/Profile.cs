using Bench.Results;

namespace Bench.Harness.Planning;

/// <summary>
/// A profile is a BenchmarkDotNet job plus a size class for workloads. Every job uses BDN's
/// Monitoring strategy with one invocation per iteration, so one iteration is one whole batch and
/// one sample: batches are long (milliseconds to seconds) and not repeatable in a tight loop.
/// <list type="bullet">
/// <item>quick — no BDN warm-up, 8 iterations; workloads use their small sizes. For CI and smoke runs. The
///   validation batch, run by the same executor just before BDN starts, is the warm-up (a second one
///   kept quick above its time target; docs/perf-notes.md).</item>
/// <item>default — 2 warm-ups, 15 iterations; workloads use their default sizes (items of 5–50 ms).</item>
/// <item>thorough — 3 launches (each a fresh cell process, like JMH forks, the k-th of every cell in the k-th pass
///   over the matrix), 3 warm-ups, 20 iterations each. <c>bench run --launches N</c> sets the count for any profile.</item>
/// </list>
/// </summary>
public sealed record Profile(string Name, ProfileJob Job, bool QuickSizes, string Description)
{
    /// <summary>Seconds of batches one cell may spend (see <see cref="Measurement.IterationBudget"/>); null: no limit.</summary>
    public double? CellBudgetSeconds { get; init; }

    public static readonly Profile Quick = new("quick", new ProfileJob("Monitoring", 1, 0, 8, 1), true,
        "1 launch, the validation batch as warm-up, up to 8 iterations within ~0.5 s per cell (at least 6); small workload sizes")
    {
        CellBudgetSeconds = 0.5,
    };

    public static readonly Profile Default = new("default", new ProfileJob("Monitoring", 1, 2, 15, 1), false,
        "1 launch, 2 warm-ups, up to 15 iterations within ~5 s per cell (at least 6); default workload sizes")
    {
        CellBudgetSeconds = 5, // keeps the default matrix within its time target (docs/perf-notes.md)
    };

    public static readonly Profile Thorough = new("thorough", new ProfileJob("Monitoring", 3, 3, 20, 1), false,
        "3 launches (fresh processes, in 3 passes over the matrix), 3 warm-ups, 20 iterations each; default workload sizes");

    public static IReadOnlyList<Profile> All { get; } = [Quick, Default, Thorough];

    public static Profile? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
