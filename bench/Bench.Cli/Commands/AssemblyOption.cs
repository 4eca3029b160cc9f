using System.CommandLine;
using Bench.Workloads;
using Bench.Workloads.External;

namespace Bench.Cli.Commands;

/// <summary><c>--assembly PATH</c> of <c>bench run</c> and <c>bench list</c>: a user's workloads, built against Bench.Sdk.</summary>
internal static class AssemblyOption
{
    public static Option<string?> Create() => new("--assembly")
    {
        Description = "a .NET assembly of your own workloads, built against Bench.Sdk (README: Measure your own code)",
    };

    /// <summary>Loads the assembly into this process's registry; null when none was given. Bad assemblies throw one line (exit 2).</summary>
    public static WorkloadAssembly? Load(string? path) => path is null ? null : WorkloadRegistry.AddAssembly(path);
}
