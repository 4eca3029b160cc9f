using System.Globalization;
using Bench.Protocol.Faults;

namespace Bench.Cli.Commands;

/// <summary>--item-timeout, --retry and the BENCH_FAULT testing aid, checked before anything runs.</summary>
internal sealed record FaultOptions(TimeSpan? ItemTimeout, int Retries, string? Injected)
{
    public const double MaxTimeoutSeconds = 86_400;

    public static FaultOptions Read(double? itemTimeoutSeconds, int retries)
    {
        if (itemTimeoutSeconds is { } seconds && (double.IsNaN(seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds))
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                $"--item-timeout {seconds} is not a timeout; give seconds greater than 0 and at most {MaxTimeoutSeconds}, e.g. --item-timeout 30"));
        }

        if (retries is not (0 or 1))
        {
            throw new BadInputException($"--retry {retries} is not allowed; give 0 (fail at the first worker fault) or 1 (retry once)");
        }

        var text = Environment.GetEnvironmentVariable(FaultPlan.EnvironmentVariable);
        FaultPlan.TryParse(text, null, out var plan, out var error);
        if (error is not null)
        {
            throw new BadInputException($"{FaultPlan.EnvironmentVariable}: {error}");
        }

        // A fault limited to a workload that does not exist would never fire: a test relying on it would pass for nothing.
        if (plan?.Faults.FirstOrDefault(f => f.Workload is { } w && Bench.Workloads.WorkloadRegistry.Find(w) is null) is { } unknown)
        {
            throw new BadInputException(
                $"{FaultPlan.EnvironmentVariable}: '{unknown}' names workload '{unknown.Workload}', which does not exist; valid: {Bench.Workloads.WorkloadRegistry.Names}");
        }

        return new FaultOptions(
            itemTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            retries,
            plan is null ? null : string.Join("; ", plan.Faults));
    }
}
