using Bench.Compare.Inputs;

namespace Bench.Compare.Matching;

/// <summary>A property of the machine or software that differs between baseline and current.</summary>
public sealed record EnvironmentDifference(string Field, string Baseline, string Current)
{
    public override string ToString() => $"{Field}: '{Baseline}' vs '{Current}'";
}

/// <summary>
/// Finds what makes two runs' timings incomparable: CPU model, core count, OS, runtime and worker build
/// (NativeAOT vs JIT). A field only one side knows is not a difference — a BDN report has no worker build.
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
        return differences;
    }

    private static void Add(List<EnvironmentDifference> differences, string field, string? baseline, string? current)
    {
        if (!string.IsNullOrEmpty(baseline) && !string.IsNullOrEmpty(current) && !string.Equals(baseline.Trim(), current.Trim(), StringComparison.Ordinal))
        {
            differences.Add(new EnvironmentDifference(field, baseline, current));
        }
    }
}
