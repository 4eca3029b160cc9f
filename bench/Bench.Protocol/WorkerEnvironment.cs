namespace Bench.Protocol;

/// <summary>What the harness tells a worker through its environment, beside the frames on its pipes.</summary>
public static class WorkerEnvironment
{
    /// <summary>
    /// The process id of the harness that started the worker. The worker exits as soon as its parent is
    /// another process; naming the parent up front covers a harness that dies while the worker starts.
    /// </summary>
    public const string ParentVariable = "BENCH_WORKER_PARENT";

    /// <summary>A user's workload assembly (full path) the worker loads before it serves (<c>bench run --assembly</c>).</summary>
    public const string AssemblyVariable = "BENCH_WORKLOAD_ASSEMBLY";
}
