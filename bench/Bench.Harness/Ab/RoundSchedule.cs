namespace Bench.Harness.Ab;

/// <summary>One launch of a <c>bench ab</c> run: a cell, on one side, in one round.</summary>
public readonly record struct AbStep(int Round, int Cell, bool SideB);

/// <summary>
/// The order of a <c>bench ab</c> run. Each round visits every cell once, in a fresh random order, and
/// launches A and B for that cell back to back, which of them first drawn at random: a host regime that
/// lasts seconds then meets both launches of a pair, and neither side is always first (a cell process
/// started second might find caches or the CPU's clock warmer). Drawn from the seed and the round alone,
/// so the seed recorded in ab-plan.json gives the same order again to <c>--resume</c>.
/// </summary>
public sealed record RoundSchedule(int Seed, int Rounds, int Cells)
{
    public IEnumerable<AbStep> Steps()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var step in Round(round))
            {
                yield return step;
            }
        }
    }

    public IReadOnlyList<AbStep> Round(int round)
    {
        // System.Random with a seed is the same sequence on every .NET version and platform.
        var random = new Random(unchecked(Seed * 1_000_003 + round));
        var order = Enumerable.Range(0, Cells).ToArray();
        random.Shuffle(order);
        var steps = new List<AbStep>(2 * Cells);
        foreach (var cell in order)
        {
            var bFirst = random.Next(2) == 1;
            steps.Add(new AbStep(round, cell, bFirst));
            steps.Add(new AbStep(round, cell, !bFirst));
        }

        return steps;
    }

    /// <summary>
    /// Rounds when --rounds is not given: 6 for quick and default, enough for the paired t test (df = rounds − 1)
    /// to find a steady 5 % change in a cell whose launches agree within about 1 %, alpha adjusted over the CI
    /// matrix, at twelve launches a cell — twice what a plain run of 6 launches costs, not more. Thorough gets 12, where
    /// the signed-rank test replaces t (<c>PairedAnalysis.WilcoxonMinimumRounds</c>). docs/compare.md#measured-bench-ab-against-two-separate-runs has the figures.
    /// </summary>
    public static int DefaultRounds(string profile) => profile == "thorough" ? 12 : 6;
}
