using Bench.Reports.Model;

namespace Bench.Reports.Charts;

/// <summary>Where charts go and what they draw from. File names use the group's index, never text from results.json.</summary>
public sealed record ChartContext(ReportData Data, string Directory)
{
    public string FileName(WorkloadGroup group, string kind) => $"w{group.Index:00}-{kind}.png";

    /// <summary>The series' colour (<see cref="Strategies.Colour"/>), the same in every chart.</summary>
    public ScottPlot.Color Colour(string strategy) => ScottPlot.Color.FromHex(Data.Strategies.Colour(strategy));
}
