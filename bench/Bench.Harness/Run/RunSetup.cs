using System.Text.Json;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Machine;
using Bench.Results;
using Bench.Workloads.Fixtures;

namespace Bench.Harness.Run;

/// <summary>
/// What <c>bench run</c> does before its first cell: describe the machine (environment.json), measure
/// the OS floors (calibration.json) and remove what killed processes left behind. A resumed run keeps
/// the records of its start: the cells already measured describe that machine and those floors.
/// </summary>
internal static class RunSetup
{
    /// <param name="usesAssembly">Some cell runs a workload from a user's assembly (<c>--assembly</c>): the environment names it.</param>
    public static EnvironmentInfo Probe(string outDirectory, bool resume, WorkerLauncher launcher, bool usesAssembly, TextWriter output)
    {
        var path = Path.Combine(outDirectory, "environment.json");
        if (!resume || ReadRecord<EnvironmentInfo>(path) is not { } environment)
        {
            environment = EnvironmentProbe.Capture(launcher.Build, DateTimeOffset.UtcNow, launcher.DescribeVectorBits()) with
            {
                WorkloadAssembly = Bench.Workloads.WorkloadRegistry.Assembly is { } assembly && usesAssembly
                    ? new WorkloadAssemblyInfo(assembly.Path, assembly.Contract, WorkerLauncher.AssemblyWorker)
                    : null,
            };
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(environment, ResultsFile.Options));
        }

        if (environment.WorkerVectorBits is { } workerBits && workerBits != environment.VectorBits)
        {
            // Not fatal: the numbers are real, but threads and processes then run different kernels.
            static string Describe(int? bits) => bits is > 0 ? $"{bits}-bit vectors" : "no vectors";
            output.WriteLine($"bench run: warning: worker processes accelerate {Describe(workerBits)}, the harness's threads {Describe(environment.VectorBits)}: " +
                             "vectorized workloads take different code paths under thread and process strategies (republish the worker for this CPU)");
        }

        return environment;
    }

    /// <summary>The OS floors, measured before any cell, and printed.</summary>
    public static Calibration Calibrate(string outDirectory, bool resume, TextWriter output)
    {
        var path = Path.Combine(outDirectory, "calibration.json");
        if (!resume || ReadRecord<Calibration>(path) is not { } calibration)
        {
            calibration = OsFloors.Measure();
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(calibration, ResultsFile.Options));
        }

        foreach (var line in CalibrationTable.Lines(calibration))
        {
            output.WriteLine(line);
        }

        return calibration;
    }

    /// <summary>Fixtures of cells killed outright in an earlier run (their Dispose never ran), and the runtime's diagnostic endpoints of killed .NET processes.</summary>
    public static void SweepLeftovers(TextWriter output)
    {
        var leftovers = LeftoverFixtures.Sweep().Concat(DiagnosticLeftovers.Sweep()).ToList();
        if (leftovers.Count > 0)
        {
            output.WriteLine($"bench run: removed {leftovers.Count} file(s) left by killed processes: {string.Join(", ", leftovers.Select(Path.GetFileName).Take(8))}{(leftovers.Count > 8 ? ", …" : "")}");
        }
    }

    /// <summary>A record a resumed run keeps (environment.json, calibration.json), or null when it is missing or unreadable (it is then measured again).</summary>
    private static T? ReadRecord<T>(string path) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(SafeInput.ReadText(path, Path.GetFileName(path)), ResultsFile.ReadOptions);
        }
        catch (Exception e) when (e is JsonException or ResultsFileException)
        {
            return null;
        }
    }
}
