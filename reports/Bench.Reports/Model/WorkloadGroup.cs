using Bench.Reports.Fit;

namespace Bench.Reports.Model;

/// <summary>
/// The cells of one workload with one set of parameters, across strategies and worker counts: what a
/// section of the report and each per-workload chart shows.
/// </summary>
public sealed class WorkloadGroup
{
    public WorkloadGroup(int index, string workload, string? category, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<CellView> cells, IReadOnlyList<string> strategyOrder)
    {
        Index = index;
        Workload = workload;
        Category = category;
        Parameters = parameters;
        Cells = cells;
        Strategies = strategyOrder.Where(s => cells.Any(c => c.Strategy == s)).ToList();
        // Chart axes show the worker counts that have data; a failed cell's W would be an empty column.
        var measured = cells.Where(c => c.IsOk).Select(c => c.Workers).Distinct().Order().ToList();
        WorkerCounts = measured.Count > 0 ? measured : cells.Select(c => c.Workers).Distinct().Order().ToList();
        var fits = new Dictionary<string, ScalabilityFit>(StringComparer.Ordinal);
        foreach (var strategy in Strategies)
        {
            var fit = ScalabilityFit.TryFit(Curve(strategy)
                .Where(c => c.SpeedupVsW1 is not null)
                .Select(c => new ScalingPoint(c.Workers, c.SpeedupVsW1!.Value)));
            if (fit is not null)
            {
                fits[strategy] = fit;
            }
        }

        Fits = fits;
    }

    /// <summary>1-based position in the report; also names the chart files, so no text from results.json reaches a path.</summary>
    public int Index { get; }

    public string Workload { get; }

    public string? Category { get; }

    /// <summary>The group's parameters (all cells share them).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public IReadOnlyList<CellView> Cells { get; }

    public IReadOnlyList<string> Strategies { get; }

    public IReadOnlyList<int> WorkerCounts { get; }

    public IReadOnlyDictionary<string, ScalabilityFit> Fits { get; }

    /// <summary>Position of W on a categorical W axis.</summary>
    public int WorkerIndex(int workers) => WorkerCounts.ToList().IndexOf(workers);

    public IEnumerable<CellView> OkCells => Cells.Where(c => c.IsOk);

    public string ParameterText => Parameters.Count == 0
        ? ""
        : string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public string Title => ParameterText.Length == 0 ? Workload : $"{Workload} ({ParameterText})";

    /// <summary>The ok cells of one strategy, by W.</summary>
    public IReadOnlyList<CellView> Curve(string strategy) =>
        OkCells.Where(c => c.Strategy == strategy).OrderBy(c => c.Workers).ToList();

    /// <summary>The strategy's highest-throughput ok cell, or null.</summary>
    public CellView? Best(string strategy) =>
        OkCells.Where(c => c.Strategy == strategy && c.ItemsPerSecond is not null).MaxBy(c => c.ItemsPerSecond);
}
