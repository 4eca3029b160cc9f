using System.Text.Json;
using Bench.Results;

namespace Bench.Compare.Inputs;

/// <summary>
/// Reads BenchmarkDotNet's own <c>*-report-full.json</c> (the JSON "full" exporter), so that any BDN
/// suite can be gated with <c>bench compare</c>. Each benchmark case becomes a cell keyed by its full
/// name and parameters; its samples are the per-operation times of the workload iterations.
/// </summary>
public static class BdnFullJsonInput
{
    public const string Kind = "BenchmarkDotNet full JSON";

    /// <summary>True when the root looks like a BDN full report: a Benchmarks array and a HostEnvironmentInfo object.</summary>
    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object &&
        root.TryGetProperty("Benchmarks", out var benchmarks) && benchmarks.ValueKind == JsonValueKind.Array &&
        root.TryGetProperty("HostEnvironmentInfo", out var host) && host.ValueKind == JsonValueKind.Object;

    public static ComparisonInput From(JsonElement root, string source)
    {
        var host = root.GetProperty("HostEnvironmentInfo");
        var environment = new InputEnvironment(
            String(host, "ProcessorName"),
            host.TryGetProperty("LogicalCoreCount", out var cores) && cores.TryGetInt32(out var n) ? n : null,
            String(host, "OsVersion"),
            String(host, "RuntimeVersion"),
            WorkerBuild: null);

        var cells = new List<InputCell>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var benchmark in root.GetProperty("Benchmarks").EnumerateArray())
        {
            index++;
            if (benchmark.ValueKind != JsonValueKind.Object)
            {
                throw new ResultsFileException($"{source}: Benchmarks[{index - 1}] is not an object");
            }

            var fullName = String(benchmark, "FullName")
                ?? throw new ResultsFileException($"{source}: Benchmarks[{index - 1}] has no FullName");
            var parameters = String(benchmark, "Parameters") ?? "";
            if (BenchCell(benchmark, parameters) is { } cell)
            {
                // bench's own export of one cell: keyed as results.json keys it, so the two kinds of file match.
                cells.Add(Cell(cell.Key, cell.Name, cell.Group, benchmark, source, index));
                continue;
            }

            var key = $"bdn|{fullName}|{parameters}";

            // Two jobs of one method with the same parameters share a name; keep them apart in file order.
            seen[key] = seen.TryGetValue(key, out var count) ? count + 1 : 1;
            if (seen[key] > 1)
            {
                key += $"#{seen[key]}";
            }

            var name = parameters.Length > 0 ? $"{fullName} [{parameters}]" : fullName;
            var group = $"{String(benchmark, "Namespace")}.{String(benchmark, "Type")}".Trim('.');
            cells.Add(Cell(key, name, group.Length > 0 ? group : fullName, benchmark, source, index));
        }

        return new ComparisonInput(source, Kind, environment, cells);
    }

    private static InputCell Cell(string key, string name, string group, JsonElement benchmark, string source, int index)
    {
        var samples = Samples(benchmark);
        foreach (var bad in samples.Where(v => !double.IsFinite(v) || v <= 0).Take(1))
        {
            throw new ResultsFileException(
                $"{source}: Benchmarks[{index - 1}] ({name}) has a sample of {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)} ns; a sample is a positive, finite time");
        }

        return samples.Count > 0
            ? new InputCell(key, name, group, true, null, samples)
            : new InputCell(key, name, group, false, "failed: no measurements (the benchmark did not run to completion in BenchmarkDotNet)", []);
    }

    /// <summary>
    /// A case of bench's CellBenchmark that carries the cell as its parameters
    /// ("Workload=sieve&amp;Strategy=threads&amp;W=4&amp;Parameters=items=8;n=10"): its cell key, name and group as
    /// results.json gives them; null for any other benchmark (and for exports of older bench versions, which
    /// named no cell and keep their FullName key).
    /// </summary>
    private static (string Key, string Name, string Group)? BenchCell(JsonElement benchmark, string parameters)
    {
        if (String(benchmark, "Type") != "CellBenchmark" || String(benchmark, "Namespace") != "Bench.Harness.Measurement")
        {
            return null;
        }

        var fields = parameters.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Workload", out var workload) || !fields.TryGetValue("Strategy", out var strategy) ||
            !fields.TryGetValue("W", out var w) || !int.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var workers) ||
            !fields.TryGetValue("Parameters", out var cellParameters) || workload.Length == 0 || strategy.Length == 0)
        {
            return null;
        }

        var name = $"{workload} {strategy} W={workers}" + (cellParameters.Length > 0 ? $" {cellParameters}" : "");
        return ($"{workload}|{strategy}|w{workers}|{cellParameters}", name, workload);
    }

    /// <summary>
    /// Per-operation times: BDN's Result iterations (actual minus overhead) when they are all positive;
    /// otherwise the Actual iterations (a nano-benchmark's overhead subtraction can give zero, and ratios
    /// need positive times); otherwise Statistics.OriginalValues.
    /// </summary>
    private static IReadOnlyList<double> Samples(JsonElement benchmark)
    {
        var result = Iterations(benchmark, "Result");
        if (result.Count > 0 && result.All(v => v > 0))
        {
            return result;
        }

        var actual = Iterations(benchmark, "Actual");
        if (actual.Count > 0)
        {
            return actual;
        }

        if (benchmark.TryGetProperty("Statistics", out var statistics) && statistics.ValueKind == JsonValueKind.Object &&
            statistics.TryGetProperty("OriginalValues", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        }

        return [];
    }

    private static List<double> Iterations(JsonElement benchmark, string stage)
    {
        var list = new List<double>();
        if (!benchmark.TryGetProperty("Measurements", out var measurements) || measurements.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var m in measurements.EnumerateArray())
        {
            if (String(m, "IterationMode") == "Workload" && String(m, "IterationStage") == stage &&
                m.TryGetProperty("Nanoseconds", out var ns) && ns.ValueKind == JsonValueKind.Number)
            {
                var operations = m.TryGetProperty("Operations", out var ops) && ops.TryGetInt64(out var o) && o > 0 ? o : 1;
                list.Add(ns.GetDouble() / operations);
            }
        }

        return list;
    }

    // Control characters are replaced: names and environment strings end up on the user's terminal.
    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? PrintableText.Clean(value.GetString()!) : null;
}
