using System.Globalization;
using Bench.Results;

namespace Bench.Harness.Planning;

/// <summary>
/// <c>bench run --list</c>: the planned cells, one key a line (the form <c>--filter</c> matches), and the
/// time the plan will take, estimated without measuring anything.
/// </summary>
public static class PlanListing
{
    /// <summary>
    /// What a cell costs besides its batches: a fresh cell process (runtime, BenchmarkDotNet, the harness),
    /// the workload's set-up, the validation and trace batches and the sequential reference. A rough
    /// figure for this kind of machine, not a measurement of this one.
    /// </summary>
    public const double FixedSecondsPerCell = 0.85;

    public static IEnumerable<string> Lines(IReadOnlyList<CellSpec> plan, Profile profile)
    {
        foreach (var cell in plan)
        {
            yield return CellFilter.PathOf(cell.Key);
        }

        yield return Estimate(plan.Count, profile);
    }

    /// <summary>The estimate line: fixed cost a cell plus its profile's budget of batches, per launch.</summary>
    public static string Estimate(int cells, Profile profile)
    {
        var launches = Math.Max(1, profile.Job.LaunchCount);
        var launchNote = launches > 1 ? $" × {launches} launches" : "";
        if (profile.CellBudgetSeconds is not { } budget)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{cells} cells{launchNote}, profile {profile.Name}: at least {Duration(cells * launches * FixedSecondsPerCell)}; " +
                $"the profile has no time budget, so the batches' own times decide the rest (nothing measured)");
        }

        var seconds = cells * launches * (FixedSecondsPerCell + budget);
        return string.Create(CultureInfo.InvariantCulture,
            $"{cells} cells{launchNote}, profile {profile.Name}: estimated at most ≈ {Duration(seconds)} " +
            $"(≈ {FixedSecondsPerCell} s a cell process + up to {budget} s of batches; a guess, nothing measured)");
    }

    private static string Duration(double seconds) => seconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min");
}
