using Bench.History.Machines;
using Bench.History.Trends;
using Bench.Store.Runs;

namespace Bench.History;

/// <summary>Everything the history page and history.json show, computed once from the store.</summary>
public sealed class HistoryModel
{
    public required string StoreDisplay { get; init; }

    /// <summary>" — branch main, machine 1a2b…, newest 100 runs", or empty.</summary>
    public required string FilterText { get; init; }

    public required HistoryOptions Options { get; init; }

    public required DateTimeOffset Generated { get; init; }

    /// <summary>Oldest first.</summary>
    public required IReadOnlyList<StoredRun> Runs { get; init; }

    public required IReadOnlyList<StoredMachine> Machines { get; init; }

    /// <summary>Machine fingerprint → short legend label ("AMD EPYC, 2 cores · 1a2b3c").</summary>
    public required IReadOnlyDictionary<string, string> MachineLabels { get; init; }

    /// <summary>Machine fingerprint → its colour's index.</summary>
    public required IReadOnlyDictionary<string, int> MachineIndex { get; init; }

    public required IReadOnlyList<Commit> Commits { get; init; }

    /// <summary>Each cell's trend with its index and chart file (null: nothing to draw).</summary>
    public required IReadOnlyList<(CellTrend Trend, int Index, string? File)> Trends { get; init; }

    public required IReadOnlyDictionary<string, int> TrendIndex { get; init; }

    public required IReadOnlyList<ChangePoint> Changes { get; init; }

    public required IReadOnlyList<MachineProfile> Profiles { get; init; }
}
