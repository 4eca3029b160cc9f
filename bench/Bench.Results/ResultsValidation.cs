using System.Globalization;

namespace Bench.Results;

/// <summary>
/// What JSON's shape cannot say about a results file: no null where a cell, a name or a list must be, and
/// every sample a positive, finite time. A file that breaks these is refused with one line naming the
/// first problem — a sample of -5 ns or NaN would otherwise turn every statistic into nonsense.
/// </summary>
public static class ResultsValidation
{
    public static RunResults Check(RunResults results, string source)
    {
        if (results.Environment is null)
        {
            throw new ResultsFileException($"{source}: \"environment\" is missing or null");
        }

        if (results.Cells is null)
        {
            throw new ResultsFileException($"{source}: \"cells\" is missing or null; a run with no cells has \"cells\": []");
        }

        for (var i = 0; i < results.Cells.Count; i++)
        {
            CheckCell(results.Cells[i], $"cells[{i}]", source);
        }

        if (results.Warnings is null || results.Warnings.Any(w => w is null))
        {
            throw new ResultsFileException($"{source}: \"warnings\" is null or holds a null");
        }

        return results;
    }

    /// <summary>Checks one cell (of a results file, or a journal line): throws naming the first problem.</summary>
    public static CellResult CheckCell(CellResult? cell, string position, string source)
    {
        if (cell is null)
        {
            throw new ResultsFileException($"{source}: {position} is null");
        }

        if (cell.Workload is null || cell.Strategy is null || cell.Status is null || cell.Parameters is null ||
            cell.Parameters.Any(p => p.Value is null))
        {
            throw new ResultsFileException($"{source}: {position} lacks its workload, strategy, status or a parameter value");
        }

        var name = $"{position} ({cell.Workload} {cell.Strategy} W={cell.Workers})";
        if (cell.SamplesNs is null || cell.Warnings is null || cell.Warnings.Any(w => w is null))
        {
            throw new ResultsFileException($"{source}: {name} has null samples or warnings");
        }

        for (var s = 0; s < cell.SamplesNs.Count; s++)
        {
            var sample = cell.SamplesNs[s];
            if (!double.IsFinite(sample) || sample <= 0)
            {
                throw new ResultsFileException(
                    $"{source}: {name} sample {s} is {sample.ToString(CultureInfo.InvariantCulture)} ns; a sample is a positive, finite time");
            }
        }

        if (cell.Workers < 1 || cell.Items < 0)
        {
            throw new ResultsFileException($"{source}: {name} has fewer than 1 worker or a negative item count");
        }

        if (cell.Resources?.Any(r => r is null) == true || cell.LaunchSampleCounts?.Any(n => n < 1) == true ||
            cell.Trace is { } trace && (trace.Items is null || trace.Processes is null || trace.Locks is null ||
                                        trace.Items.Any(x => x is null || x.Worker is null) || trace.Processes.Any(x => x is null) ||
                                        trace.Locks.Any(x => x is null || x.Worker is null)))
        {
            throw new ResultsFileException($"{source}: {name} has a null resource sample or trace entry, or an empty launch");
        }

        if (cell.LaunchRounds is { } rounds && (rounds.Any(r => r < 1) || rounds.Count != (cell.LaunchSampleCounts?.Count ?? 1)))
        {
            throw new ResultsFileException($"{source}: {name} has launchRounds [{string.Join(", ", rounds)}] that do not name one round (1 or more) per launch");
        }

        return cell;
    }
}
