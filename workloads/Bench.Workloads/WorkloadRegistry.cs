using Bench.Workloads.Basic;
using Bench.Workloads.Contract;
using Bench.Workloads.Cpu;
using Bench.Workloads.Io;
using Bench.Workloads.Sync;
using Bench.Workloads.Testing;

namespace Bench.Workloads;

/// <summary>
/// Every workload by name. Adding a workload is one class plus one line here. Immutable: the harness
/// and the worker process both look workloads up by the name that travels in a frame.
/// </summary>
public static class WorkloadRegistry
{
    private static readonly IReadOnlyList<IWorkload> All =
    [
        new SquareWorkload(),
        new SleepWorkload(),
        new FileIoWorkload(),
        new NetIoWorkload(),
        new SieveWorkload(),
        new BlurWorkload(),
        new CounterWorkload(),
    ];

    public static IReadOnlyList<IWorkload> Workloads => All;

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
