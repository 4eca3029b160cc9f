using Bench.Results;

namespace Bench.Compare.Inputs;

/// <summary>Turns bench's own results.json (read, and migrated from an older schema, by <see cref="ResultsFile"/>) into a comparison input.</summary>
public static class BenchResultsInput
{
    public const string Kind = "bench results.json";

    public static ComparisonInput From(RunResults results, string source)
    {
        var environment = new InputEnvironment(
            results.Environment.Cpu,
            results.Environment.LogicalCores,
            results.Environment.Os,
            results.Environment.Runtime,
            results.Environment.WorkerBuild,
            results.Environment.InjectedSlowdown ?? "none");
        var cells = results.Cells.Select(cell => ToInput(cell, source)).ToList();
        return new ComparisonInput(source, Kind, environment, cells);
    }

    private static InputCell ToInput(CellResult cell, string source)
    {
        // Named by its identity, as its key is: a variant shows as gil=on among the parameters.
        var parameters = CellKey.ParameterText(cell.Parameters, cell.Variant, ";");
        var name = $"{cell.Workload} {cell.Strategy} W={cell.Workers}" + (parameters.Length > 0 ? $" {parameters}" : "");
        var ok = cell.Status == CellStatus.Ok;
        var error = ok ? null : $"{cell.Status}: {cell.Error ?? "no reason given"}";
        if (ok && cell.LaunchSampleCounts is { } sizes && (sizes.Any(size => size < 1) || sizes.Sum() != cell.SamplesNs.Count))
        {
            throw new ResultsFileException(
                $"{source}: cell '{name}': launchSampleCounts [{string.Join(", ", sizes)}] do not add up to its {cell.SamplesNs.Count} samples (a corrupt or hand-edited results file)");
        }

        if (ok && cell.LaunchRounds is { } rounds && (rounds.Count != (cell.LaunchSampleCounts?.Count ?? 1) || rounds.Distinct().Count() != rounds.Count))
        {
            throw new ResultsFileException(
                $"{source}: cell '{name}': launchRounds [{string.Join(", ", rounds)}] do not name one distinct round per launch (a corrupt or hand-edited results file)");
        }

        return new InputCell(cell.Key, name, cell.Workload, ok, error, ok ? cell.SamplesNs : [], ok ? cell.LaunchSampleCounts : null, ok ? cell.LaunchRounds : null)
        {
            Counters = ok ? Bench.Compare.Counters.CounterChanges.Of(cell) : null,
        };
    }
}
