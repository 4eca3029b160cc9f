namespace Bench.Harness.Planning;

/// <summary>The folders of a run directory that its cell processes write into; the plan gives each cell their paths.</summary>
public static class RunFolders
{
    /// <summary>BenchmarkDotNet's log and exports, a folder per cell.</summary>
    public const string Bdn = "bdn";

    /// <summary>The sequential references, measured once per workload and read by later cells.</summary>
    public const string Sequential = "sequential";
}
