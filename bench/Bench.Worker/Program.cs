using System.Diagnostics.CodeAnalysis;
using Bench.Protocol;
using Bench.Worker;
using Bench.Workloads.Contract;

// `bench-worker --describe`: what this build can do, for the run's environment record.
if (args is ["--describe"])
{
    Console.WriteLine($"vector-bits={VectorWidth.Bits()}");
    return 0;
}

// A user's workload assembly (bench run --assembly): loaded before the first frame, so that its
// workloads are found by name like built-in ones. The harness checked it already; a failure here is
// said on stderr and the set-up of its workload then answers an error naming it.
if (Environment.GetEnvironmentVariable(WorkerEnvironment.AssemblyVariable) is { Length: > 0 } assembly)
{
    UserAssembly.Load(assembly, Console.Error);
}

// The worker's whole life: serve frames on stdin/stdout until stdin closes.
return WorkerHost.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);

internal static class UserAssembly
{
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "WorkloadAssembly.Load refuses under NativeAOT with a message; the harness sends assemblies to the JIT worker only")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "as above")]
    public static void Load(string path, TextWriter log)
    {
        try
        {
            Bench.Workloads.WorkloadRegistry.AddAssembly(path);
        }
        catch (Bench.Workloads.External.WorkloadAssemblyException e)
        {
            log.WriteLine($"bench-worker: {e.Message}");
        }
    }
}
