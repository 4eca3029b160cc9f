using Bench.Harness.Execution.Strategies;
using Bench.Harness.Execution.Workers;
using Bench.Perf.Workloads;

// Speed of the workloads against anchors measured in this same run. The machine is shared: read the
// ratios, and rerun when a figure looks off. Usage: bench-perf-workloads [sieve|blur|net|all]
var which = args.Length > 0 ? args[0] : "all";
if (which is not ("all" or "sieve" or "blur" or "net"))
{
    Console.Error.WriteLine($"unknown probe '{which}'; valid: sieve, blur, net, all");
    return 2;
}

Console.WriteLine($"bench-perf-workloads: {Environment.ProcessorCount} logical cores, load average {Probe.LoadAverage()}");
Bench.Harness.Execution.Workers.WorkerLauncher launcher;
try
{
    launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
}
catch (FileNotFoundException e)
{
    // Run from a partial build (only this project): say what to build, not a stack trace.
    Console.Error.WriteLine($"bench-perf-workloads: {e.Message}");
    return 2;
}

Console.WriteLine($"worker: {launcher.Build} ({launcher.ExecutablePath})");
if (which is "all" or "sieve")
{
    SieveProbe.Run(launcher);
}

if (which is "all" or "blur")
{
    BlurProbe.Run();
}

if (which is "all" or "net")
{
    NetIoProbe.Run(launcher);
}

return 0;
