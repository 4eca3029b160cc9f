using Bench.Reports.Model;

namespace Bench.Reports.Charts;

/// <summary>Where charts go and what they draw from. File names use the group's index, never text from results.json.</summary>
public sealed record ChartContext(ReportData Data, string Directory)
{
    public string FileName(WorkloadGroup group, string kind) => $"w{group.Index:00}-{kind}.png";
}
