using Bench.Compare.Inputs;

namespace Bench.Compare.Matching;

/// <summary>A property of the machine or software that differs between baseline and current.</summary>
/// <param name="Machine">A difference of machine or software (what --strict-env refuses), not of how the run was set up.</param>
public sealed record EnvironmentDifference(string Field, string Baseline, string Current, bool Machine = true)
{
    public override string ToString() => $"{Field}: '{Baseline}' vs '{Current}'";
}

/// <summary>
/// Finds what makes two runs' timings incomparable: CPU model, core count, OS, runtime and worker build
/// (NativeAOT vs JIT), and a slowdown injected on purpose. A field only one side knows is not a
/// difference — a BDN report has no worker build.
/// </summary>
public static class EnvironmentComparison
{
    public static IReadOnlyList<EnvironmentDifference> Differences(InputEnvironment baseline, InputEnvironment current)
    {
        var differences = new List<EnvironmentDifference>();
        Add(differences, "cpu", baseline.Cpu, current.Cpu);
        Add(differences, "logical cores", baseline.LogicalCores?.ToString(System.Globalization.CultureInfo.InvariantCulture), current.LogicalCores?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(differences, "os", baseline.Os, current.Os);
        Add(differences, "runtime", baseline.Runtime, current.Runtime);
        Add(differences, "worker build", baseline.WorkerBuild, current.WorkerBuild);
        // Not a machine difference, but the first thing a reader of a red gate must know.
        Add(differences, "injected slowdown (BENCH_INJECT_SLOWDOWN)", baseline.InjectedSlowdown, current.InjectedSlowdown, machine: false);
        return differences;
    }

    private static void Add(List<EnvironmentDifference> differences, string field, string? baseline, string? current, bool machine = true)
    {
        if (!string.IsNullOrEmpty(baseline) && !string.IsNullOrEmpty(current) && !string.Equals(baseline.Trim(), current.Trim(), StringComparison.Ordinal))
        {
            differences.Add(new EnvironmentDifference(field, baseline, current, machine));
        }
    }
}
