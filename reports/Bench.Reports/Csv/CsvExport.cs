using System.Text;
using Bench.Reports.Model;
using static Bench.Reports.Csv.CsvText;

namespace Bench.Reports.Csv;

/// <summary>results.csv: one row per cell, raw numbers (nanoseconds, bytes), empty where results.json has no figure.</summary>
public static class CsvExport
{
    public static readonly string[] Columns =
    [
        "workload", "category", "parameters", "strategy", "variant", "workers", "items", "chunk_size", "status", "error",
        "samples", "median_ns", "ci_lower_ns", "ci_upper_ns", "ci_level", "cv", "mvalue", "items_per_second",
        "speedup_vs_w1", "efficiency_vs_w1", "effective_cores", "peak_memory_bytes", "ideal_ns", "overhead_per_item_ns",
        "lost_updates", "pool_startup_ns", "pipe_bytes_per_batch", "warnings",
    ];

    public static string Render(ReportData data)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", Columns)).Append("\r\n");
        foreach (var cell in data.Cells)
        {
            var c = cell.Cell;
            var parameters = string.Join(";", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            string[] fields =
            [
                Field(c.Workload), Field(c.Category), Field(parameters), Field(c.Strategy), Field(c.Variant), Number(c.Workers), Number(c.Items), Number(c.ChunkSize),
                Field(c.Status), Field(c.Error), Number(cell.Samples.Count), Number(cell.MedianNs), Number(cell.CiLowerNs), Number(cell.CiUpperNs),
                Number(cell.CiLevel), Number(cell.CoefficientOfVariation), Number(cell.MValue), Number(cell.ItemsPerSecond), Number(cell.SpeedupVsW1),
                Number(cell.EfficiencyVsW1), Number(cell.EffectiveCores), Number(cell.PeakMemoryBytes), Number(cell.IdealNs), Number(cell.OverheadPerItemNs),
                Number(cell.LostUpdates), Number(c.PoolStartupNs), Number(c.PipeBytesPerBatch), Field(string.Join("; ", c.Warnings)),
            ];
            csv.Append(string.Join(",", fields)).Append("\r\n");
        }

        return csv.ToString();
    }
}
