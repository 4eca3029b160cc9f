namespace Bench.Workloads.Contract;

/// <summary>
/// The version of the workload contract. It is also Bench.Sdk's assembly version (major.0.0.0), so an
/// author's assembly records which contract it was compiled against in its reference to Bench.Sdk, with
/// no attribute to write. Bench loads an assembly only when that reference has this major version: a
/// member that moved would otherwise fail deep inside a cell as a MissingMethodException.
/// Raise it when a change breaks compiled workloads (a member removed or changed), not when one is added.
/// </summary>
public static class ContractVersion
{
    public const int Major = 1;
}
