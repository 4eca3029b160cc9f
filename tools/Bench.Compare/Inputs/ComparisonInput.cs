namespace Bench.Compare.Inputs;

/// <summary>
/// One side of a comparison, whatever file it came from: the environment it ran in and its cells.
/// Both readers (bench's results.json and BenchmarkDotNet's full JSON) produce this, so matching,
/// statistics and formats never care where the numbers came from.
/// </summary>
public sealed record ComparisonInput(string Source, string Kind, InputEnvironment Environment, IReadOnlyList<InputCell> Cells);

/// <summary>The parts of an environment whose difference makes timings incomparable. Null where the file does not say.</summary>
/// <param name="InjectedSlowdown">BENCH_INJECT_SLOWDOWN of a bench run ("none" when it was not set); null where the input cannot say (BDN reports).</param>
public sealed record InputEnvironment(string? Cpu, int? LogicalCores, string? Os, string? Runtime, string? WorkerBuild, string? InjectedSlowdown = null);

/// <summary>
/// A cell (or a BDN benchmark case) reduced to what a comparison needs.
/// </summary>
/// <param name="Key">The identity matched across the two sides (workload, strategy, workers, sorted parameters).</param>
/// <param name="Name">How the cell is shown: "sleep threads W=2 items=8;ms=20".</param>
/// <param name="Group">What the cell belongs to (the workload, or a BDN benchmark type): JUnit's classname.</param>
/// <param name="Ok">False for failed or invalid cells: they carry no timings to compare.</param>
/// <param name="Error">Why the cell is not ok (one line), or null.</param>
/// <param name="SamplesNs">Wall time per sample in nanoseconds.</param>
/// <param name="LaunchSizes">Samples per launch in <paramref name="SamplesNs"/>'s order when the cell ran in several
/// launches (bench run --launches, thorough); null for one launch or where the input cannot say.</param>
/// <param name="LaunchRounds">The bench ab round of each launch, in launch order; null outside an A/B run.</param>
public sealed record InputCell(
    string Key, string Name, string Group, bool Ok, string? Error, IReadOnlyList<double> SamplesNs,
    IReadOnlyList<int>? LaunchSizes = null, IReadOnlyList<int>? LaunchRounds = null)
{
    /// <summary>The why-counters' medians per item (or per batch) by name (<see cref="Bench.Results.SampleCounter"/>); null where the input has none.</summary>
    public IReadOnlyDictionary<string, double>? Counters { get; init; }

    /// <summary>The samples of each launch by its bench ab round; empty outside an A/B run.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> LaunchesByRound()
    {
        if (LaunchRounds is not { Count: > 0 } rounds)
        {
            return new Dictionary<int, IReadOnlyList<double>>();
        }

        var launches = Launches() ?? [SamplesNs];
        return rounds.Zip(launches).ToDictionary(x => x.First, x => x.Second);
    }

    /// <summary>The samples of each launch, or null unless there are at least two launches.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Launches()
    {
        if (LaunchSizes is not { Count: >= 2 } sizes)
        {
            return null;
        }

        var launches = new List<IReadOnlyList<double>>();
        var offset = 0;
        foreach (var size in sizes)
        {
            launches.Add(SamplesNs.Skip(offset).Take(size).ToList());
            offset += size;
        }

        return launches;
    }
}
