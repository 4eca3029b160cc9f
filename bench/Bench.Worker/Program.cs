using Bench.Worker;
using Bench.Workloads.Contract;

// `bench-worker --describe`: what this build can do, for the run's environment record.
if (args is ["--describe"])
{
    Console.WriteLine($"vector-bits={VectorWidth.Bits()}");
    return 0;
}

// The worker's whole life: serve frames on stdin/stdout until stdin closes.
return WorkerHost.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);
