using System.Security.Cryptography;
using System.Text;
using Bench.Results;

namespace Bench.Store.Runs;

/// <summary>
/// What makes two runs "the same machine" for a history: the CPU model, its logical and physical cores and
/// the OS. Not the host name — CI runners get a new one every job, and a fleet of identical runners should
/// share one history — and not the runtime or the worker build, which are software under test (bench
/// compare names those differences). <see cref="Id"/> is the first 12 hex digits of their SHA-256.
/// </summary>
public sealed record MachineFingerprint(string Id, string Description, string Cpu, int LogicalCores, int? PhysicalCores, string Os)
{
    public static MachineFingerprint Of(EnvironmentInfo environment)
    {
        var identity = string.Join("\n", environment.Cpu, environment.LogicalCores, environment.PhysicalCores?.ToString() ?? "", environment.Os);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        return new MachineFingerprint(id, Describe(environment), environment.Cpu, environment.LogicalCores, environment.PhysicalCores, environment.Os);
    }

    /// <summary>"AMD EPYC, 2 cores, Debian GNU/Linux 12 (bookworm)": how the machine reads in lists and reports.</summary>
    public static string Describe(EnvironmentInfo environment)
    {
        var cores = environment.PhysicalCores is { } physical && physical != environment.LogicalCores
            ? $"{environment.LogicalCores} logical / {physical} physical cores"
            : $"{environment.LogicalCores} cores";
        return $"{environment.Cpu}, {cores}, {environment.Os}";
    }
}
