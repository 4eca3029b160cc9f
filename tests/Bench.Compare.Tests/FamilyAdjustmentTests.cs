using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Xunit;

namespace Bench.Compare.Tests;

/// <summary>
/// The cells of one comparison are a family of tests: their p-values are adjusted (Benjamini-Hochberg)
/// so that a run of many cells does not go red by the chance of one of them.
/// </summary>
public class FamilyAdjustmentTests
{
    [Fact]
    public void Benjamini_Hochberg_matches_a_hand_computation()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): p·m/rank = 0.02, 0.02, 0.04, 0.04, monotone from the top.
        var adjusted = FamilyAdjustment.BenjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.02, 0.04, 0.04, 0.02], adjusted.Select(p => Math.Round(p, 10)));
        Assert.Equal([1.0], FamilyAdjustment.BenjaminiHochberg([1.0]));
        Assert.Equal([0.9], FamilyAdjustment.BenjaminiHochberg([0.9, 0.8]).Take(1).Select(p => Math.Round(p, 10)));
        Assert.Empty(FamilyAdjustment.BenjaminiHochberg([]));
    }

    /// <summary>One marginal cell (+10%, launches that drift by ±2%) among 40 steady ones.</summary>
    private static (Inputs.ComparisonInput Baseline, Inputs.ComparisonInput Current) MarginalAmongMany()
    {
        Results.CellResult Launched(string workload, params double[] medians)
        {
            var samples = medians.SelectMany((m, i) => TestRuns.Samples(m, n: 8, spread: 0.005, seed: i + 1)).ToArray();
            return TestRuns.Cell(workload, "threads", 2, samples) with { LaunchSampleCounts = [.. medians.Select(_ => 8)] };
        }

        var steady = Enumerable.Range(0, 40).Select(i => $"steady{i}").ToList();
        var baseline = steady.Select(w => Launched(w, 100e6, 100.5e6, 99.6e6)).Append(Launched("marginal", 100e6, 102e6, 98e6));
        var current = steady.Select(w => Launched(w, 100.2e6, 99.8e6, 100.4e6)).Append(Launched("marginal", 110e6, 108e6, 111e6));
        return (TestRuns.Input(TestRuns.Run(baseline)), TestRuns.Input(TestRuns.Run(current)));
    }

    [Fact]
    public void A_marginal_cell_among_many_is_not_slower_after_adjustment()
    {
        var (baseline, current) = MarginalAmongMany();
        var perCell = Comparer.Compare(baseline, current, new ComparisonOptions { Correction = Correction.None });
        var marginal = perCell.Cells.Single(c => c.Name.StartsWith("marginal", StringComparison.Ordinal));
        Assert.True(marginal.Verdict == Verdict.Slower, marginal.Reason);
        Assert.InRange(marginal.Statistics!.PSlower, 0.0001, 0.01);

        var adjusted = Comparer.Compare(baseline, current, new ComparisonOptions()).Cells.Single(c => c.Name.StartsWith("marginal", StringComparison.Ordinal));
        Assert.Equal(Verdict.Unknown, adjusted.Verdict);
        Assert.Equal(41, adjusted.Statistics!.FamilySize);
        Assert.Equal(marginal.Statistics.PSlower, adjusted.Statistics.PSlower); // the raw p is kept beside the adjusted one
        Assert.True(adjusted.Statistics.SlowerP > 0.01);
        Assert.Contains("adjusted over 41 cells", adjusted.Reason);
    }

    [Fact]
    public void A_clear_slowdown_survives_the_adjustment()
    {
        var report = Comparer.Compare(
            TestRuns.Input(TestRuns.Run(Enumerable.Range(0, 40).Select(i => TestRuns.Cell($"w{i}", "threads", 1, TestRuns.Samples(100e6, seed: i))))),
            TestRuns.Input(TestRuns.Run(Enumerable.Range(0, 40).Select(i => TestRuns.Cell($"w{i}", "threads", 1, TestRuns.Samples(i == 7 ? 115e6 : 100e6, seed: i + 50))))),
            new ComparisonOptions());
        var slower = Assert.Single(report.Cells, c => c.Verdict == Verdict.Slower);
        Assert.StartsWith("w7 ", slower.Name, StringComparison.Ordinal);
        Assert.Contains("adjusted over 40 cells", slower.Reason);
    }

    [Fact]
    public void Formats_name_the_correction_and_json_carries_the_adjusted_p_values()
    {
        var (baseline, current) = MarginalAmongMany();
        var report = Comparer.Compare(baseline, current, new ComparisonOptions());
        Assert.Contains("alpha 0.01 over 41 cells (Benjamini-Hochberg)", new Formats.TextFormat().Render(report));
        Assert.Contains("alpha 0.01 over 41 cells (Benjamini-Hochberg)", new Formats.MarkdownFormat().Render(report));
        Assert.Contains("alpha 0.01 per cell", new Formats.TextFormat().Render(Comparer.Compare(baseline, current, new ComparisonOptions { Correction = Correction.None })));

        using var document = System.Text.Json.JsonDocument.Parse(new Formats.JsonFormat().Render(report));
        Assert.Equal("bh", document.RootElement.GetProperty("options").GetProperty("correction").GetString());
        var statistics = document.RootElement.GetProperty("cells")[0].GetProperty("statistics");
        Assert.Equal(41, statistics.GetProperty("familySize").GetInt32());
        Assert.True(statistics.GetProperty("pSlowerAdjusted").GetDouble() >= statistics.GetProperty("pSlower").GetDouble());
    }
}
