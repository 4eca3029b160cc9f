using Bench.Results;

namespace Bench.Store.Runs;

/// <summary>A run ready to insert: its id, machine, compressed document and the rows of its cells and samples, all computed outside the transaction.</summary>
internal sealed record PreparedRun(RunToAdd Run, string Id, MachineFingerprint Machine, byte[] Document, IReadOnlyList<object?[]> Cells, IReadOnlyList<object?[]> Samples)
{
    public static readonly IReadOnlyList<string> CellColumns =
        ["run_id", "cell_index", "cell_key", "workload", "category", "strategy", "variant", "workers", "parameters", "status", "median_ns", "ci_lower_ns", "ci_upper_ns", "ci_level", "sample_count", "launch_count"];

    public static readonly IReadOnlyList<string> SampleColumns = ["run_id", "cell_index", "sample_index", "launch_index", "value_ns"];

    public static PreparedRun Of(RunToAdd run)
    {
        var results = run.Results;
        var id = RunIdentity.Of(results);
        var cells = results.Cells.Select((cell, index) => new object?[]
        {
            id, index, cell.Key, cell.Workload, cell.Category, cell.Strategy, cell.Variant, cell.Workers, CellKey.ParameterText(cell.Parameters, cell.Variant, ";"), cell.Status,
            Finite(cell.MedianNs ?? cell.Statistics?.MedianNs), Finite(cell.Statistics?.CiLowerNs), Finite(cell.Statistics?.CiUpperNs), Finite(cell.Statistics?.CiLevel),
            cell.SamplesNs.Count, cell.LaunchSampleCounts?.Count ?? 1,
        }).ToList();
        var samples = results.Cells.SelectMany((cell, index) => SamplesOf(cell).Select(s => new object?[] { id, index, s.Index, s.Launch, s.Value })).ToList();
        return new PreparedRun(run, id, MachineFingerprint.Of(results.Environment), RunDocument.Encode(results), cells, samples);
    }

    // A cell with one sample or none may carry NaN statistics; the store keeps them as NULL, which both engines compare sanely.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Each sample with its index and the launch it belongs to (launchSampleCounts; one launch without them).</summary>
    private static IEnumerable<(int Index, int Launch, double Value)> SamplesOf(CellResult cell)
    {
        var sizes = cell.LaunchSampleCounts ?? [cell.SamplesNs.Count];
        int launch = 0, left = sizes.Count > 0 ? sizes[0] : int.MaxValue;
        for (var i = 0; i < cell.SamplesNs.Count; i++)
        {
            while (left == 0 && launch + 1 < sizes.Count)
            {
                left = sizes[++launch];
            }

            left--;
            yield return (i, launch, cell.SamplesNs[i]);
        }
    }
}
