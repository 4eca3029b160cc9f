using Bench.Workloads.Basic;
using Bench.Workloads.Contract;
using System.Diagnostics.CodeAnalysis;
using Bench.Workloads.Cpu;
using Bench.Workloads.External;
using Bench.Workloads.Io;
using Bench.Workloads.Sync;
using Bench.Workloads.Testing;

namespace Bench.Workloads;

/// <summary>
/// Every workload by name. Adding a workload is one class plus one line here. The harness and the
/// worker process both look workloads up by the name that travels in a frame. Immutable but for one
/// step: a process started for a user's assembly (<c>--assembly</c>) adds its workloads once, at start,
/// before any lookup — the registry is the one place every stage finds workloads, so they need no
/// other path to the loaded assembly.
/// </summary>
public static class WorkloadRegistry
{
    private static readonly IReadOnlyList<IWorkload> BuiltIn =
    [
        new SquareWorkload(),
        new SleepWorkload(),
        new FileIoWorkload(),
        new NetIoWorkload(),
        new SieveWorkload(),
        new BlurWorkload(),
        new CounterWorkload(),
    ];

    private static IReadOnlyList<IWorkload> All = BuiltIn;

    public static IReadOnlyList<IWorkload> Workloads => All;

    /// <summary>The user's assembly added to this process, or null.</summary>
    public static WorkloadAssembly? Assembly { get; private set; }

    /// <summary>What a run measures when no --workloads is given: the assembly's workloads where one is loaded, else the built-in suite.</summary>
    public static IReadOnlyList<IWorkload> DefaultSelection => Assembly?.Workloads ?? BuiltIn;

    /// <summary>Whether <paramref name="name"/> is a workload of the user's assembly (its cells need the assembly in every process).</summary>
    public static bool IsFromAssembly(string name) => Assembly?.Workloads.Any(w => w.Info.Name == name) == true;

    /// <summary>
    /// Loads a user's assembly and adds its workloads; once per process, before any lookup. Loading the
    /// same path again is a no-op (the CLI and a dry run share a process).
    /// </summary>
    [RequiresUnreferencedCode("loads workload types from a user's assembly by reflection")]
    [RequiresDynamicCode("loads a user's assembly at run time")]
    public static WorkloadAssembly AddAssembly(string path)
    {
        if (Assembly is { } loaded)
        {
            return loaded.Path == Path.GetFullPath(path)
                ? loaded
                : throw new WorkloadAssemblyException($"--assembly {path}: this process already loaded {loaded.Path}; one assembly per run");
        }

        var added = WorkloadAssembly.Load(path, BuiltIn.Select(w => w.Info.Name).ToList());
        All = [.. BuiltIn, .. added.Workloads];
        Assembly = added;
        return added;
    }

    public static IWorkload? Find(string name) => All.FirstOrDefault(w => w.Info.Name == name);

    public static IWorkload Get(string name) =>
        Find(name) ?? throw new UnknownWorkloadException(name);

    /// <summary>
    /// The one place runners are made, by the harness (thread strategies) and by worker processes alike,
    /// so the <see cref="InjectedSlowdown"/> testing aid applies to every strategy.
    /// </summary>
    public static IItemRunner CreateRunner(IWorkload workload, ParameterSet runnerParameters) =>
        InjectedSlowdown.Apply(workload.Info.Name, workload.CreateRunner(runnerParameters), Environment.GetEnvironmentVariable(InjectedSlowdown.VariableName));

    public static string Names => string.Join(", ", All.Select(w => w.Info.Name));

    /// <summary>
    /// The parameters a cell runs with: the workload's defaults for the profile, then the user's
    /// overrides. Returns an error line instead of throwing, for the CLI's exit-2 path.
    /// </summary>
    public static ParameterSet Resolve(IWorkload workload, IReadOnlyDictionary<string, string> overrides, bool quick, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in workload.Info.Parameters)
        {
            values[spec.Name] = spec.DefaultFor(quick);
        }

        foreach (var (name, value) in overrides)
        {
            var spec = workload.Info.Parameters.FirstOrDefault(p => p.Name == name);
            if (spec is null)
            {
                error = $"unknown parameter '{workload.Info.Name}.{name}'; valid: {string.Join(", ", workload.Info.Parameters.Select(p => p.Name))}";
                return ParameterSet.Empty;
            }

            var problem = spec.Check(value);
            if (problem is not null)
            {
                error = $"{workload.Info.Name}: {problem}";
                return ParameterSet.Empty;
            }

            values[name] = value;
        }

        return workload.Complete(ParameterSet.From(values), quick);
    }
}

public sealed class UnknownWorkloadException(string name)
    : Exception($"unknown workload '{name}'; valid: {WorkloadRegistry.Names}");
