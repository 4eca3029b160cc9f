using Bench.Harness.Machine;
using Bench.Results;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bench.Harness.Measurement;

/// <summary>
/// Drives one cell's timing with BenchmarkDotNet: a Monitoring job (one batch per invocation, as many
/// invocations per iteration as the minimum sample time needs, no pilot, no overhead subtraction — batches are long and stateful) run in process, because the cell
/// already runs in a fresh process of its own. BDN's log and its exports (including
/// <c>*-report-full.json</c>, which <c>bench compare</c> also reads) go to the cell's BDN directory.
/// </summary>
public static class BdnMeasurement
{
    /// <summary>Runs the job and returns the wall time of each measured iteration, in nanoseconds.</summary>
    public static IReadOnlyList<double> Measure(MeasurementTarget target, ProfileJob profileJob, string bdnDirectory, bool verbose)
    {
        Directory.CreateDirectory(bdnDirectory);
        var job = new Job("cell")
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(profileJob.WarmupCount)
            .WithIterationCount(profileJob.IterationCount)
            // Batches shorter than the minimum sample time run several times per iteration (SampleLength).
            .WithInvocationCount(target.BatchesPerSample)
            .WithUnrollFactor(1)
            // The full collections BDN forces after the iteration set-up are made by MeasurementTarget
            // instead, before the runtime counters are read: otherwise every sample's counters would
            // show two gen2 collections and their pause that the batch never caused.
            .WithGcForce(false)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: verbose));

        using var log = new StreamLogger(Path.Combine(bdnDirectory, "bdn.log"));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(log)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .WithArtifactsPath(bdnDirectory)
            // The cell's parameters (CellBenchmark) in full: BDN shortens a parameter's text past 20 characters
            // by default, and "items=32;n=1000000000" would lose the part that tells two sizes apart.
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(1000))
            // Tests run Debug builds; results from them are still real measurements of real batches.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        if (verbose)
        {
            config = config.AddLogger(ConsoleLogger.Default);
        }

        SkipSdkProbe();
        SkipCpuProbe();
        CellBenchmark.Target = target;
        try
        {
            var summary = BenchmarkRunner.Run<CellBenchmark>(config);
            var report = summary.Reports.SingleOrDefault();
            if (report is null || !report.Success)
            {
                var reason = summary.ValidationErrors.FirstOrDefault()?.Message ?? "BenchmarkDotNet reported no successful run";
                throw new InvalidOperationException($"BenchmarkDotNet: {reason} (log: {Path.Combine(bdnDirectory, "bdn.log")})");
            }

            return [.. report.GetResultRuns().Select(m => m.Nanoseconds / m.Operations)];
        }
        finally
        {
            CellBenchmark.Target = null;
        }
    }

    /// <summary>
    /// BDN asks `dotnet --version` for its summary header on every run — a process start of the SDK
    /// (≈ 0.2–0.6 s here) in every cell process, the largest fixed cost of a small cell, for a field
    /// that an in-process run does not use. Pre-answering that lazy value keeps the quick profile
    /// within its time budget. If a BDN update renames the property this does nothing and BDN probes
    /// as before.
    /// </summary>
    private static void SkipSdkProbe() =>
        PreAnswer("DotNetSdkVersion", new Lazy<string>(() => "not probed (in-process cell)"));

    /// <summary>
    /// BDN's CPU description for the summary starts `lscpu` and `cat /proc/cpuinfo` on Linux: ≈ 0.1 s of
    /// process starts in every cell. The same facts come from /proc/cpuinfo read in process (the run's
    /// environment.json records them too).
    /// </summary>
    private static void SkipCpuProbe() =>
        PreAnswer("Cpu", new Lazy<Perfolizer.Models.CpuInfo>(() => new Perfolizer.Models.CpuInfo
        {
            ProcessorName = Machine.EnvironmentProbe.CpuModel(),
            PhysicalCoreCount = Machine.EnvironmentProbe.PhysicalCoreCount(),
            LogicalCoreCount = Environment.ProcessorCount,
        }));

    /// <summary>Sets a lazy property of BDN's host environment before BDN evaluates it; a no-op if BDN renamed it.</summary>
    private static void PreAnswer<T>(string name, Lazy<T> value)
    {
        var info = BenchmarkDotNet.Environments.HostEnvironmentInfo.GetCurrent();
        var property = info.GetType().GetProperty(name);
        if (property?.PropertyType == typeof(Lazy<T>))
        {
            property.GetSetMethod(nonPublic: true)?.Invoke(info, [value]);
        }
    }
}
