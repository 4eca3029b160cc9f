using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// The two journals of a run: journal.jsonl holds finished cells, launches.jsonl the launches of cells
/// that take several (journaled one by one, so that a kill loses at most the launch in progress; the cell
/// goes to journal.jsonl when its last launch ends). A resumed run starts from what they hold.
/// </summary>
internal sealed class RunJournals
{
    private readonly Journal _cells;
    private readonly Journal _launches;
    private readonly Dictionary<string, CellResult> _finished;
    private readonly Dictionary<string, List<CellResult>> _launchesSoFar = new(StringComparer.Ordinal);

    private RunJournals(string outDirectory, bool resume)
    {
        _cells = new Journal(Path.Combine(outDirectory, "journal.jsonl"));
        _launches = new Journal(Path.Combine(outDirectory, "launches.jsonl"));
        (_finished, Warnings) = resume ? _cells.Load() : (new Dictionary<string, CellResult>(StringComparer.Ordinal), new List<string>());
        if (!resume)
        {
            return;
        }

        var (entries, launchWarnings) = _launches.LoadAll();
        Warnings.AddRange(launchWarnings);
        foreach (var entry in entries.Where(e => !_finished.ContainsKey(e.Key)))
        {
            LaunchesOf(entry.Key).Add(entry);
        }
    }

    /// <summary>Lines that were skipped while reading the journals back.</summary>
    public List<string> Warnings { get; }

    public static RunJournals Open(string outDirectory, bool resume) => new(outDirectory, resume);

    public bool IsFinished(string key) => _finished.ContainsKey(key);

    /// <summary>The journaled launches of an unfinished cell, in order.</summary>
    public List<CellResult> LaunchesOf(string key) =>
        _launchesSoFar.TryGetValue(key, out var list) ? list : _launchesSoFar[key] = [];

    public void AppendLaunch(string key, CellResult launch)
    {
        _launches.Append(launch);
        LaunchesOf(key).Add(launch);
    }

    public void AppendCell(CellResult cell)
    {
        _cells.Append(cell);
        _finished[cell.Key] = cell;
    }

    /// <summary>The finished cells as journal.jsonl holds them now.</summary>
    public IReadOnlyDictionary<string, CellResult> LoadCells() => _cells.Load().Item1;
}
