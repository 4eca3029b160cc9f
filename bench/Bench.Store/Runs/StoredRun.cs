namespace Bench.Store.Runs;

/// <summary>A run as the store lists it: its id, machine, commit, branch and times; the run itself is <see cref="RunStore.Export"/>.</summary>
public sealed record StoredRun(
    string Id,
    string Machine,
    string MachineDescription,
    string? HostName,
    string? Commit,
    string? Branch,
    DateTimeOffset StartedUtc,
    string Profile,
    string ResultsSchema,
    int CellCount,
    string? Source,
    DateTimeOffset AddedUtc);

/// <summary>A run to add: the results (read through ResultsFile), where they came from, and the commit and branch they measured.</summary>
public sealed record RunToAdd(Bench.Results.RunResults Results, string Source, string? Commit, string? Branch);

/// <summary>Which runs to list or load: a machine (fingerprint or its prefix), a branch, the newest N; null means any.</summary>
public sealed record RunFilter(string? Machine = null, string? Branch = null, int? Last = null);

/// <summary>One cell of one stored run, as trends read it: no samples, just the cell's median and interval. <see cref="Parameters"/> is "k=v;k=v" with the variant among them (gil=on), as in the cell key.</summary>
public sealed record StoredCell(
    string RunId,
    int Index,
    string Key,
    string Workload,
    string? Category,
    string Strategy,
    string? Variant,
    int Workers,
    string Parameters,
    string Status,
    double? MedianNs,
    double? CiLowerNs,
    double? CiUpperNs,
    double? CiLevel);

/// <summary>A machine the store has runs of.</summary>
public sealed record StoredMachine(string Fingerprint, string Description, int LogicalCores, int Runs);
