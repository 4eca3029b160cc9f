namespace Bench.Protocol;

/// <summary>What the harness tells a worker through its environment, beside the frames on its pipes (its parent: <see cref="Lifeline"/>).</summary>
public static class WorkerEnvironment
{
    /// <summary>A user's workload assembly (full path) the worker loads before it serves (<c>bench run --assembly</c>).</summary>
    public const string AssemblyVariable = "BENCH_WORKLOAD_ASSEMBLY";
}
