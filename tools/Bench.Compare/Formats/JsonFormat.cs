using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;

namespace Bench.Compare.Formats;

/// <summary>
/// Machine-readable comparison, schema <c>bench-compare/1</c>: environment differences first, then
/// options, outcome and one entry per cell. Unbounded interval ends are null, not "Infinity".
/// </summary>
public sealed class JsonFormat : IReportFormat
{
    public const string SchemaId = "bench-compare/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name => "json";

    public string Render(ComparisonReport report)
    {
        var document = new Document(
            SchemaId,
            report.EnvironmentDifferences.Select(d => new EnvironmentEntry(d.Field, d.Baseline, d.Current)).ToList(),
            report.Command,
            new Side(report.BaselineSource, report.BaselineKind),
            report.EarlierBaselineSources.Count > 0 ? report.EarlierBaselineSources : null,
            new Side(report.CurrentSource, report.CurrentKind),
            new OptionsEntry(report.Options.Threshold.Text, report.Options.Noise.Text, report.Options.Alpha, report.Options.FailOn.ToString().ToLowerInvariant(),
                report.Options.Correction.Name()),
            report.ExitCode,
            VerdictNames.SummaryOrder.ToDictionary(v => v.Name(), report.Count),
            Finite(report.GeometricMeanRatio),
            report.Cells.Select(c => new CellEntry(c.Key, c.Name, c.Group, c.Verdict.Name(), report.Fails(c), c.Reason, Stats(c.Statistics))).ToList());
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    private static StatisticsEntry? Stats(ChangeStatistics? s) => s is null
        ? null
        : new StatisticsEntry(
            s.BaselineCount, s.CurrentCount, s.BaselineMedianNs, s.CurrentMedianNs,
            s.ShiftNs, Finite(s.ShiftLowerNs), Finite(s.ShiftUpperNs),
            s.Ratio, s.RatioLower > 0 ? s.RatioLower : null, Finite(s.RatioUpper),
            s.ConfidenceLevel, s.PSlower, s.PFaster, s.SmallestPossibleP, s.ThresholdFraction, s.NoiseFraction,
            s.BaselineLaunches, s.CurrentLaunches, s.BaselineRuns, s.PSlowerAdjusted, s.PFasterAdjusted, s.PSlowerAdjusted is null ? null : s.FamilySize,
            s.Rounds, s.PairedTest);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private sealed record Document(
        string Schema,
        IReadOnlyList<EnvironmentEntry> EnvironmentDifferences,
        string Command, // "bench compare", or "bench ab" when the verdicts come from paired rounds
        Side Baseline,
        IReadOnlyList<string>? BaselineHistory, // the earlier baseline runs, oldest first; absent without a history
        Side Current,
        OptionsEntry Options,
        int ExitCode,
        IReadOnlyDictionary<string, int> Counts,
        double? GeometricMeanRatio,
        IReadOnlyList<CellEntry> Cells);

    private sealed record EnvironmentEntry(string Field, string Baseline, string Current);

    private sealed record Side(string Source, string Kind);

    private sealed record OptionsEntry(string Threshold, string Noise, double Alpha, string FailOn, string Correction);

    private sealed record CellEntry(string Key, string Name, string Group, string Verdict, bool Fails, string Reason, StatisticsEntry? Statistics);

    private sealed record StatisticsEntry(
        int BaselineCount,
        int CurrentCount,
        double BaselineMedianNs,
        double CurrentMedianNs,
        double ShiftNs,
        double? ShiftLowerNs,
        double? ShiftUpperNs,
        double Ratio,
        double? RatioLower,
        double? RatioUpper,
        double ConfidenceLevel,
        double PSlower,
        double PFaster,
        double SmallestPossibleP,
        double ThresholdFraction,
        double NoiseFraction,
        int? BaselineLaunches, // null: the samples were the unit of replication
        int? CurrentLaunches,
        int? BaselineRuns, // null: no baseline history; else the runs the verdict was tested over
        double? PSlowerAdjusted, // Benjamini-Hochberg over familySize cells: what the verdict compared with alpha
        double? PFasterAdjusted,
        int? FamilySize,
        int? Rounds, // bench ab: the paired rounds the verdict was tested over; null elsewhere
        string? PairedTest); // bench ab: "t" (t on the rounds' log ratios) or "wilcoxon" (signed-rank)
}
