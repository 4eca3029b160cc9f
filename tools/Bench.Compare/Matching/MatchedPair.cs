using Bench.Compare.Inputs;

namespace Bench.Compare.Matching;

/// <summary>The same cell on both sides; either side is null when the cell exists on one side only.</summary>
public sealed record MatchedPair(string Key, InputCell? Baseline, InputCell? Current)
{
    public string Name => (Current ?? Baseline)!.Name;

    public string Group => (Current ?? Baseline)!.Group;
}
