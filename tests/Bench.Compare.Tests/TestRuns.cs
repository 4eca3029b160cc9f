using Bench.Compare.Inputs;
using Bench.Results;

namespace Bench.Compare.Tests;

/// <summary>Builds runs and files for tests: deterministic samples, temporary files cleaned up by the caller's directory.</summary>
internal static class TestRuns
{
    /// <summary>n deterministic samples around <paramref name="median"/> with a relative spread of ± <paramref name="spread"/> (evenly spaced, shuffled by a fixed seed).</summary>
    public static double[] Samples(double median, int n = 15, double spread = 0.02, int seed = 1)
    {
        var values = Enumerable.Range(0, n).Select(i => median * (1 + spread * (2.0 * i / Math.Max(1, n - 1) - 1))).ToArray();
        new Random(seed).Shuffle(values);
        return values;
    }

    public static CellResult Cell(string workload, string strategy, int workers, double[] samples, string status = CellStatus.Ok, IReadOnlyDictionary<string, string>? parameters = null) => new()
    {
        Workload = workload,
        Category = "cpu-bound",
        Strategy = strategy,
        Workers = workers,
        Items = 8,
        Parameters = parameters ?? new Dictionary<string, string> { ["items"] = "8" },
        Status = status,
        Error = status == CellStatus.Ok ? null : "item 3 threw",
        SamplesNs = status == CellStatus.Ok ? samples : [],
        MedianNs = samples.Length > 0 ? samples.Order().ElementAt(samples.Length / 2) : null,
    };

    public static RunResults Run(IEnumerable<CellResult> cells, string cpu = "Test CPU", int cores = 2, string workerBuild = "jit") => new()
    {
        Environment = new EnvironmentInfo
        {
            Os = "Linux test",
            Cpu = cpu,
            LogicalCores = cores,
            Runtime = ".NET 10.0.0",
            WorkerBuild = workerBuild,
            StartedUtc = DateTimeOffset.UnixEpoch,
        },
        Profile = "quick",
        Job = new ProfileJob("Monitoring", 1, 1, 8, 1),
        Cells = cells.ToList(),
    };

    public static ComparisonInput Input(RunResults run, string source = "test.json") => BenchResultsInput.From(run, source);

    public static string Write(string directory, string name, RunResults run)
    {
        var path = Path.Combine(directory, name);
        ResultsFile.Write(path, run);
        return path;
    }
}

/// <summary>A temporary directory per test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bench-compare-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
