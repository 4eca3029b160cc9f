using Bench.Reports.Fit;

namespace Bench.Reports.Model;

/// <summary>
/// The cells of one workload with one set of parameters, across strategies and worker counts: what a
/// section of the report and each per-workload chart shows.
/// </summary>
public sealed class WorkloadGroup
{
    /// <param name="confidence">The level of the fits' bootstrap intervals (the report's <see cref="Claims.ClaimOptions.Confidence"/>).</param>
    public WorkloadGroup(int index, string workload, string? category, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<CellView> cells, IReadOnlyList<string> strategyOrder, double confidence = 0.95)
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
            var curve = Curve(strategy).Where(c => c.SpeedupVsW1 is not null).ToList();
            var fit = ScalabilityFit.TryFit(curve.Select(c => new ScalingPoint(c.Workers, c.SpeedupVsW1!.Value)));
            if (fit is not null)
            {
                var w1 = curve.FirstOrDefault(c => c.Workers == 1);
                var others = curve.Where(c => c.Workers > 1).GroupBy(c => c.Workers).Select(g => (g.Key, (IReadOnlyList<double>)g.First().Samples)).ToList();
                var seed = (int)(StableHash($"{index}|{strategy}") & 0x7fffffff);
                fits[strategy] = w1 is null ? fit : fit with { Uncertainty = FitUncertainty.Estimate(w1.Samples, others, fit.Usl is not null, confidence, seed) };
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

    // FNV-1a: string.GetHashCode differs between processes, and a report must render the same every time.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

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
