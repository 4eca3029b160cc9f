using System.Diagnostics;
using Bench.Harness.Execution.Workers;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Strategies;

/// <summary>
/// Runs a few validated batches of one cell directly, without BenchmarkDotNet or a cell process: for
/// speed probes (tools/Bench.Perf.Workloads) and tests that must exercise every strategy quickly.
/// Numbers from here are rough wall-clock times, not the harness's measurements.
/// </summary>
public static class BatchProbe
{
    /// <summary>
    /// Wall-clock times of <paramref name="batches"/> batches after <paramref name="warmups"/> warm-up batches;
    /// every batch, warm-up or not, is validated.
    /// </summary>
    /// <exception cref="InvalidOperationException">An item failed or a batch's result was wrong.</exception>
    public static IReadOnlyList<TimeSpan> Run(string workloadName, IReadOnlyDictionary<string, string> overrides, bool quick,
        string strategyName, int workers, int batches, WorkerLauncher launcher, int warmups = 1)
    {
        var workload = WorkloadRegistry.Get(workloadName);
        var strategy = StrategyRegistry.Find(strategyName) ?? throw new ArgumentException($"unknown strategy '{strategyName}'");
        var parameters = WorkloadRegistry.Resolve(workload, overrides, quick, out var error);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        using var session = workload.Open(parameters, new SessionShape(workers, strategy.Info.UsesProcesses));
        using var executor = strategy.Create(new CellContext(workload, session, workers, null, launcher));
        var times = new List<TimeSpan>();
        for (var b = 0; b < warmups + batches; b++)
        {
            // As BenchmarkDotNet does between the harness's iterations (GcMode.Force, its default): each batch
            // starts on a collected heap instead of paying for the garbage of the batches before it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var outcome = new BatchOutcome(session.ItemCount, trace: false);
            session.BeforeBatch();
            var start = Stopwatch.GetTimestamp();
            executor.ExecuteBatch(outcome);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (outcome.FirstError is not null)
            {
                throw new InvalidOperationException($"{workloadName}/{strategyName}/W={workers}: {outcome.FirstError}");
            }

            outcome.EnsureComplete();
            var validation = session.Validate(outcome.Results);
            if (!validation.Ok)
            {
                throw new InvalidOperationException(
                    $"{workloadName}/{strategyName}/W={workers}: got {validation.Actual}, reference {validation.Expected} {validation.Note}");
            }

            if (b >= warmups)
            {
                times.Add(elapsed);
            }
        }

        return times;
    }

    /// <summary>
    /// The built worker of this checkout, found from a directory inside it: the NativeAOT worker that
    /// run-bench publishes (what `bench run` uses) when it was published after the last change to the
    /// worker's sources, else artifacts/bin/Bench.Worker/CONFIG/bench-worker.
    /// </summary>
    public static WorkerLauncher LocateBuiltWorker(string startDirectory)
    {
        var explicitPath = Environment.GetEnvironmentVariable("BENCH_WORKER");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return WorkerLauncher.Locate();
        }

        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Bench.sln")))
            {
                continue;
            }

            var published = Path.Combine(dir.FullName, "artifacts", "run-bench", "aot", "bench-worker");
            if (File.Exists(published) && !WorkerSourcesChangedSince(dir.FullName, File.GetLastWriteTimeUtc(published)))
            {
                return new WorkerLauncher(published, WorkerLauncher.NativeAot);
            }

            foreach (var config in new[] { "release", "debug" })
            {
                var path = Path.Combine(dir.FullName, "artifacts", "bin", "Bench.Worker", config, OperatingSystem.IsWindows() ? "bench-worker.exe" : "bench-worker");
                if (File.Exists(path))
                {
                    return new WorkerLauncher(path, WorkerLauncher.Jit);
                }
            }

            throw new FileNotFoundException($"no built bench-worker under {dir.FullName}/artifacts; run dotnet build Bench.sln -c Release first");
        }

        throw new FileNotFoundException($"{startDirectory} is not inside a Bench checkout");
    }

    /// <summary>
    /// Whether a source the worker is built from changed after <paramref name="publishedUtc"/>: then the
    /// published worker would run old code. Sources, not build outputs, decide: a later `dotnet build`
    /// of unchanged code does not make the published worker stale.
    /// </summary>
    private static bool WorkerSourcesChangedSince(string root, DateTime publishedUtc) =>
        new[] { "bench/Bench.Worker", "bench/Bench.Protocol", "workloads" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".csproj", StringComparison.Ordinal))
            .Any(path => File.GetLastWriteTimeUtc(path) > publishedUtc);
}
