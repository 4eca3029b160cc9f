using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Strategies;
using Bench.Results;
using Bench.Workloads;

namespace Bench.Harness.Planning;

/// <summary>What the user asked for, as parsed from the command line.</summary>
public sealed record RunRequest
{
    public IReadOnlyList<string>? Workloads { get; init; }

    public IReadOnlyList<string>? Strategies { get; init; }

    public IReadOnlyList<int>? Workers { get; init; }

    public required Profile Profile { get; init; }

    /// <summary>"workload.name" → value overrides from --param.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();

    public int? ChunkSize { get; init; }

    /// <summary>--item-timeout; null: the profile's default (docs/faults.md).</summary>
    public TimeSpan? ItemTimeout { get; init; }

    /// <summary>--retry: 0 or 1.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>--gil: add a CPython-like GIL variant (<see cref="CellVariants.Gil"/>) of every CPU-bound thread-strategy cell.</summary>
    public bool Gil { get; init; }

    /// <summary>--filter globs over the cell key (<see cref="CellFilter"/>); null or empty: every planned cell.</summary>
    public IReadOnlyList<string>? Filter { get; init; }

    /// <summary>--assembly: a user's workload assembly (full path), already added to <see cref="WorkloadRegistry"/>; null: built-ins only.</summary>
    public string? Assembly { get; init; }
}

/// <summary>
/// The matrix: every requested workload × every applicable strategy × every worker count, in a stable
/// order (workload, strategy, W) so that runs diff cleanly and resume lines up.
/// </summary>
public static class RunPlan
{
    /// <summary>The default sweep: 1, 2, 4, … up to 2× the logical cores.</summary>
    public static IReadOnlyList<int> DefaultWorkers(int logicalCores)
    {
        var list = new List<int>();
        for (var w = 1; w <= 2 * logicalCores; w *= 2)
        {
            list.Add(w);
        }

        return list;
    }

    /// <summary>Builds the cells, or returns a one-line error naming the problem and the valid choices.</summary>
    /// <param name="runDirectory">The run's OUT directory, under which each cell's folders are named (<see cref="RunFolders"/>).</param>
    public static IReadOnlyList<CellSpec> Build(RunRequest request, string runDirectory, out string? error)
    {
        error = null;
        var bdnRoot = Path.Combine(Path.GetFullPath(runDirectory), RunFolders.Bdn);
        var sequentialDirectory = Path.Combine(Path.GetFullPath(runDirectory), RunFolders.Sequential);
        var workloads = new List<Workloads.Contract.IWorkload>();
        foreach (var name in request.Workloads ?? WorkloadRegistry.DefaultSelection.Select(w => w.Info.Name).ToList())
        {
            var workload = WorkloadRegistry.Find(name);
            if (workload is null)
            {
                error = $"unknown workload '{name}'; valid: {WorkloadRegistry.Names}";
                return [];
            }

            workloads.Add(workload);
        }

        var strategies = new List<IExecutionStrategy>();
        foreach (var name in request.Strategies ?? StrategyRegistry.Strategies.Select(s => s.Info.Name).ToList())
        {
            var strategy = StrategyRegistry.Find(name);
            if (strategy is null)
            {
                error = $"unknown strategy '{name}'; valid: {StrategyRegistry.Names}";
                return [];
            }

            strategies.Add(strategy);
        }

        var workers = request.Workers ?? DefaultWorkers(Environment.ProcessorCount);

        // --param names must belong to a selected workload: a typo must not be silently ignored.
        foreach (var key in request.ParameterOverrides.Keys)
        {
            var dot = key.IndexOf('.');
            var owner = dot > 0 ? key[..dot] : "";
            if (WorkloadRegistry.Find(owner) is null)
            {
                error = $"--param '{key}' must be workload.name=value with a known workload; valid workloads: {WorkloadRegistry.Names}";
                return [];
            }
        }

        // Values for workloads left out of this run are checked too: a typo must not wait for the run that selects them.
        foreach (var unselected in WorkloadRegistry.Workloads.Except(workloads))
        {
            foreach (var combination in ParameterSweep.Expand(OverridesOf(unselected, request.ParameterOverrides)))
            {
                WorkloadRegistry.Resolve(unselected, combination, request.Profile.QuickSizes, out error);
                if (error is not null)
                {
                    return [];
                }
            }
        }

        var cells = new List<CellSpec>();
        string? skipped = null; // why a combination was left out, for the error when nothing is left
        foreach (var workload in workloads)
        {
            var overrides = OverridesOf(workload, request.ParameterOverrides);
            // A comma-separated value sweeps the parameter (--param counter.sync=none,lock): one group per combination.
            foreach (var (combination, kind) in Combinations(workload, overrides))
            {
                var parameters = WorkloadRegistry.Resolve(workload, combination, request.Profile.QuickSizes, out error);
                if (error is not null)
                {
                    return [];
                }

                foreach (var strategy in strategies.Where(s => s.AppliesTo(workload.Info) && (kind is null || s.Info.UsesProcesses == kind)))
                {
                    // Combinations that mean nothing under this kind of strategy are left out, not run as misleading cells.
                    if (workload.Inapplicable(parameters, strategy.Info.UsesProcesses) is { } reason)
                    {
                        skipped ??= reason;
                        continue;
                    }

                    string?[] variants = request.Gil && GilMode.AppliesTo(workload.Info, strategy.Info) ? [null, CellVariants.Gil] : [null];
                    foreach (var variant in variants)
                    {
                        foreach (var w in workers)
                        {
                            var spec = new CellSpec
                            {
                                Workload = workload.Info.Name,
                                Strategy = strategy.Info.Name,
                                Variant = variant,
                                Workers = w,
                                ChunkSize = strategy.Info.TakesChunkSize ? request.ChunkSize : null,
                                Parameters = parameters.ToDictionary(kv => kv.Key, kv => kv.Value),
                                Job = request.Profile.Job,
                                BudgetSeconds = request.Profile.CellBudgetSeconds,
                                BdnDirectory = bdnRoot,
                                SequentialDirectory = sequentialDirectory,
                                ItemTimeoutSeconds = (request.ItemTimeout ?? FaultPolicy.DefaultItemTimeout(request.Profile.Name)).TotalSeconds,
                                Retries = request.Retries,
                                Assembly = WorkloadRegistry.IsFromAssembly(workload.Info.Name) ? WorkloadRegistry.Assembly!.Path : null,
                            };
                            cells.Add(spec with { BdnDirectory = Path.Combine(bdnRoot, spec.FileId) });
                        }
                    }
                }
            }
        }

        if (request.Gil && !cells.Any(c => GilMode.IsOn(c.Variant)))
        {
            error = "--gil applies to CPU-bound workloads under thread strategies (threads, threadpool); the selection has none";
            return [];
        }

        if (cells.Count == 0 && skipped is not null)
        {
            error = $"the selection has no applicable cell: {skipped}";
            return [];
        }

        if (cells.Count == 0)
        {
            error = "the selection has no applicable cell (threadpool-async needs a workload with an async form: " +
                    string.Join(", ", WorkloadRegistry.Workloads.Where(w => w.Info.HasAsyncForm).Select(w => w.Info.Name)) + ")";
            return cells;
        }

        return Select(cells, request.Filter, out error);
    }

    /// <summary>The cells <paramref name="globs"/> select (all of them without a glob); none selected is an error.</summary>
    private static IReadOnlyList<CellSpec> Select(List<CellSpec> cells, IReadOnlyList<string>? globs, out string? error)
    {
        error = null;
        CellFilter? filter;
        try
        {
            filter = CellFilter.Of(globs);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return [];
        }

        if (filter is null)
        {
            return cells;
        }

        var selected = cells.Where(c => filter.Matches(c.Key)).ToList();
        if (selected.Count == 0)
        {
            error = $"--filter {filter} selects none of the {cells.Count} planned cells " +
                    $"(keys are workload/strategy/wW/parameters, e.g. {CellFilter.PathOf(cells[0].Key)}; bench run --list shows them)";
        }

        return selected;
    }

    /// <summary>The --param values of one workload, by parameter name.</summary>
    /// <summary>
    /// The parameter sets of a workload: the sweep of the user's values for every strategy (kind null), then
    /// the workload's <see cref="Workloads.Contract.IWorkload.Companions"/> for one kind of strategy each
    /// (true: process strategies), where the user set none of the workload's parameters.
    /// </summary>
    private static IEnumerable<(Dictionary<string, string> Combination, bool? ProcessStrategies)> Combinations(Workloads.Contract.IWorkload workload, Dictionary<string, string> overrides)
    {
        foreach (var combination in ParameterSweep.Expand(overrides))
        {
            yield return (new Dictionary<string, string>(combination, StringComparer.Ordinal), null);
        }

        // Only in the default matrix: a user who set the workload's parameters chose the experiment.
        if (overrides.Count > 0)
        {
            yield break;
        }

        foreach (var kind in new[] { false, true })
        {
            foreach (var companion in workload.Companions(kind))
            {
                yield return (new Dictionary<string, string>(companion, StringComparer.Ordinal), kind);
            }
        }
    }

    private static Dictionary<string, string> OverridesOf(Workloads.Contract.IWorkload workload, IReadOnlyDictionary<string, string> overrides)
    {
        var prefix = workload.Info.Name + ".";
        return overrides
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
    }
}
