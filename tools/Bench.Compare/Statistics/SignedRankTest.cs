namespace Bench.Compare.Statistics;

/// <summary>
/// The exact one-sided Wilcoxon signed-rank test that values are centred above zero. Neither Perfolizer
/// 0.6.1 nor Pragmastat 3.2.4 has a one-sample rank test, so the null distribution — each rank's sign a
/// fair coin — is counted here. Ties of |value| share their mid-rank (kept exact as doubled ranks);
/// zeros carry no sign and are dropped, as in Wilcoxon's own procedure.
/// </summary>
public static class SignedRankTest
{
    /// <summary>P(W+ ≥ observed W+) under the null; 1 when no value is non-zero.</summary>
    public static double GreaterP(IReadOnlyList<double> values)
    {
        var nonZero = values.Where(v => v != 0 && double.IsFinite(v)).ToArray();
        if (nonZero.Length == 0)
        {
            return 1;
        }

        var doubledRanks = DoubledMidRanks(nonZero.Select(Math.Abs).ToArray());
        var observed = nonZero.Select((v, i) => v > 0 ? doubledRanks[i] : 0).Sum();

        // counts[s]: probability that the positive ranks sum (doubled) to s.
        var total = doubledRanks.Sum();
        var probabilities = new double[total + 1];
        probabilities[0] = 1;
        var reach = 0;
        foreach (var rank in doubledRanks)
        {
            for (var s = reach; s >= 0; s--)
            {
                if (probabilities[s] != 0)
                {
                    probabilities[s + rank] += probabilities[s] / 2;
                    probabilities[s] /= 2;
                }
            }

            reach += rank;
        }

        return Math.Min(1, probabilities.Skip(observed).Sum());
    }

    private static int[] DoubledMidRanks(double[] magnitudes)
    {
        var order = Enumerable.Range(0, magnitudes.Length).OrderBy(i => magnitudes[i]).ToArray();
        var ranks = new int[magnitudes.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && magnitudes[order[end + 1]] == magnitudes[order[start]])
            {
                end++;
            }

            // Ranks start+1 … end+1 share their mean; doubled, (start + 1) + (end + 1) is an integer.
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = start + end + 2;
            }

            start = end + 1;
        }

        return ranks;
    }
}
