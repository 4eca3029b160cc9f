namespace Bench.Compare.Statistics;

/// <summary>
/// Benjamini-Hochberg adjusted p-values for the family of cells one comparison tests. A run has tens of
/// cells and each is tested at alpha: at 0.01 per cell, a 93-cell A/A comparison whose cells each have a
/// 1% chance of a false `slower` goes red in 1 − 0.99^93 ≈ 61% of runs. Adjusted p-values compared with
/// alpha keep the false discovery rate at alpha — and when no cell really changed (an A/A pair), the
/// chance of any false `slower` too — while still letting several real regressions through together
/// (the k-th smallest p needs only k·alpha/m, not alpha/m as with Bonferroni).
/// </summary>
public static class FamilyAdjustment
{
    /// <summary>Step-up adjusted p-values, in the input's order: p(i)·m/rank(i), made monotone from the largest p down, capped at 1.</summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = Math.Min(1.0, running);
        }

        return adjusted;
    }

    /// <summary>The cells' statistics as <paramref name="correction"/> has them decided: adjusted over the family, or as they are.</summary>
    public static IReadOnlyList<ChangeStatistics?> Apply(IReadOnlyList<ChangeStatistics?> cells, Correction correction) =>
        correction == Correction.BenjaminiHochberg ? Adjust(cells) : cells;

    /// <summary>
    /// The statistics of every tested cell with the slower and the faster p-values adjusted, each direction
    /// as its own family of one-sided tests; null entries (cells without statistics) stay null.
    /// </summary>
    public static IReadOnlyList<ChangeStatistics?> Adjust(IReadOnlyList<ChangeStatistics?> cells)
    {
        var tested = cells.Select((s, i) => (s, i)).Where(x => x.s is not null).ToList();
        var slower = BenjaminiHochberg(tested.Select(x => x.s!.PSlower).ToList());
        var faster = BenjaminiHochberg(tested.Select(x => x.s!.PFaster).ToList());
        var result = cells.ToArray();
        for (var k = 0; k < tested.Count; k++)
        {
            result[tested[k].i] = tested[k].s! with { PSlowerAdjusted = slower[k], PFasterAdjusted = faster[k], FamilySize = tested.Count };
        }

        return result;
    }
}
