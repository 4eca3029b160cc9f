using System.Globalization;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Testing;

/// <summary>
/// A testing aid for <c>bench compare</c>: <c>BENCH_INJECT_SLOWDOWN=sleep:10%</c> (several as
/// <c>sleep:10%,square:5%</c>) makes every item of that workload spin for 10% of its own measured time
/// after it finishes, so a run becomes measurably slower without touching any code. Read where runners
/// are created (<see cref="WorkloadRegistry.CreateRunner"/>), in the harness and in worker processes
/// alike; workers inherit the variable from the harness.
/// </summary>
public static class InjectedSlowdown
{
    public const string VariableName = "BENCH_INJECT_SLOWDOWN";

    /// <summary>The runner, wrapped when the variable names this workload; unchanged otherwise.</summary>
    public static IItemRunner Apply(string workload, IItemRunner runner, string? variable)
    {
        var fraction = FractionFor(workload, variable);
        return fraction is > 0 ? new SlowdownItemRunner(runner, fraction.Value) : runner;
    }

    /// <summary>
    /// The extra fraction of item time for <paramref name="workload"/>, or null when not named. A
    /// malformed value throws: a testing aid that silently does nothing would make a test pass for the
    /// wrong reason.
    /// </summary>
    public static double? FractionFor(string workload, string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        double? result = null;
        foreach (var entry in variable.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            var percent = colon > 0 ? entry[(colon + 1)..].TrimEnd('%') : "";
            if (colon <= 0 || !entry.EndsWith('%') ||
                !double.TryParse(percent, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 10_000)
            {
                throw new FormatException($"{VariableName}='{variable}': '{entry}' should look like workload:10%");
            }

            if (entry[..colon] == workload)
            {
                result = value / 100;
            }
        }

        return result;
    }
}
