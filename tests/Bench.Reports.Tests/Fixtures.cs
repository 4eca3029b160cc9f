using System.Globalization;
using Bench.Results;

namespace Bench.Reports.Tests;

/// <summary>The checked-in fixtures (tests/fixtures, see its README) and a generated 100-cell run.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static string Full => Path("results-full.json");

    public static string Xss => Path("results-xss.json");

    /// <summary>A real bench-results/1 file (see tests/fixtures/README.md).</summary>
    public static string V1 => Path("results-v1.json");

    /// <summary>What the harness writes into results.json about its strategies.</summary>
    public static IReadOnlyList<StrategyDescriptor> BuiltInStrategies => Bench.Harness.Execution.Strategies.StrategyRegistry.BuiltIn.Descriptors;

    /// <summary>Where tests keep what they render (screenshots included): artifacts/test-output/ under the repository root.</summary>
    public static string OutputDirectory(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Bench.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(root, "artifacts", "test-output", "reports", name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// 100 ok cells — 4 workloads × 5 strategies × 5 worker counts — with statistics, resources, derived
    /// figures and traces, from a fixed formula (no randomness), for the render-time check.
    /// </summary>
    public static RunResults Generated100()
    {
        string[] strategies = ["threads", "threadpool", "threadpool-async", "processes", "process-pool"];
        int[] workers = [1, 2, 4, 8, 16];
        (string Name, string Category)[] workloads = [("sieve", "cpu-bound"), ("blur", "cpu-bound"), ("file-io", "io-bound"), ("net-io", "io-bound")];
        var cells = new List<CellResult>();
        foreach (var (workload, category) in workloads)
        {
            foreach (var (strategy, si) in strategies.Select((s, i) => (s, i)))
            {
                var w1 = 50e6 * (1 + si * 0.3);
                foreach (var w in workers)
                {
                    var serial = category == "cpu-bound" ? 0.1 + 0.05 * si : 0.02;
                    var median = w1 * (serial + (1 - serial) / Math.Min(w, category == "cpu-bound" ? 4 : 16)) * (1 + 0.002 * w * w);
                    var samples = Enumerable.Range(0, 10).Select(k => median * (1 + 0.01 * ((k * 7 % 10) - 5))).ToList();
                    var items = 64;
                    var trace = new CellTrace
                    {
                        Items = Enumerable.Range(0, items).Select(i => new ItemSpan(i, si >= 3 ? $"pid {1000 + i % w}" : $"thread {10 + i % w}", i / w * median / (items / w), (i / w + 1) * median / (items / w))).ToList(),
                        Processes = si >= 3 ? Enumerable.Range(0, w).Select(p => new ProcessSpan(1000 + p, 0, 30e6, median)).ToList() : [],
                    };
                    cells.Add(new CellResult
                    {
                        Workload = workload,
                        Category = category,
                        Strategy = strategy,
                        Workers = w,
                        Items = items,
                        Parameters = new Dictionary<string, string> { ["size"] = "1024" },
                        Status = CellStatus.Ok,
                        SamplesNs = samples,
                        MedianNs = median,
                        Statistics = new CellStatistics { MedianNs = median, MeanNs = median, MadNs = median * 0.01, CoefficientOfVariation = 0.03, CiLowerNs = median * 0.98, CiUpperNs = median * 1.02, CiLevel = 0.99, MValue = 2, SampleCount = 10 },
                        Resources = samples.Select(s => new SampleResources { CpuUserNs = s * Math.Min(w, 4) * 0.9, CpuSystemNs = s * 0.1, PeakRssBytes = (40 + (si >= 3 ? 30 * w : 1)) * 1024L * 1024 }).ToList(),
                        Derived = new DerivedMetrics { ItemsPerSecond = items / (median / 1e9), IdealNs = w1 / w * 0.9, OverheadPerItemNs = Math.Max(1, (median - w1 / w * 0.9) * w / items) },
                        Trace = trace,
                        PoolStartupNs = strategy == "process-pool" ? 40e6 * w : null,
                    });
                }
            }
        }

        return new RunResults
        {
            Environment = new EnvironmentInfo { Os = "Linux", Cpu = "generated", LogicalCores = 16, Runtime = ".NET 10", WorkerBuild = "jit", StartedUtc = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture) },
            Profile = "default",
            Job = new ProfileJob("Monitoring", 1, 1, 10, 1),
            Calibration = new Calibration { ThreadCreateJoinNs = 200e3, ProcessSpawnWaitNs = 2e6, PipeRoundTripNs = 20e3, UncontendedLockNs = 20, TaskRunNs = 500 },
            Strategies = BuiltInStrategies,
            Cells = cells,
        };
    }
}
