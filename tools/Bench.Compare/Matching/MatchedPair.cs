using Bench.Compare.Inputs;

namespace Bench.Compare.Matching;

/// <summary>The same cell on both sides; either side is null when the cell exists on one side only.</summary>
/// <param name="Baseline">The cell in the newest baseline run: it decides new, missing and failed.</param>
/// <param name="EarlierBaselines">The same cell in the earlier runs of a baseline history, oldest first, where they have it.</param>
public sealed record MatchedPair(string Key, InputCell? Baseline, InputCell? Current, IReadOnlyList<InputCell>? EarlierBaselines = null)
{
    public string Name => (Current ?? Baseline)!.Name;

    public string Group => (Current ?? Baseline)!.Group;
}
