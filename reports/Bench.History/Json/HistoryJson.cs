using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.History.Json;

/// <summary>history.json, schema bench-history/1: the machines, the commits in order, and every change point with its statistics (docs/history.md).</summary>
public static class HistoryJson
{
    public const string SchemaId = "bench-history/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A file of its own, never inlined into HTML: "+10.9 %" reads better than "\u002B10.9 %".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(HistoryModel model)
    {
        var document = new
        {
            schema = SchemaId,
            store = model.StoreDisplay,
            generatedUtc = model.Generated,
            runs = model.Runs.Count,
            test = new { threshold = model.Options.Test.Threshold.Text, noise = model.Options.Test.Noise.Text, alpha = model.Options.Test.Alpha, method = "ED-PELT (Perfolizer EdPeltChangePointDetector) proposes, bench compare's test confirms" },
            machines = model.Machines.Select(m => new { fingerprint = m.Fingerprint, description = m.Description, label = model.MachineLabels[m.Fingerprint], logicalCores = m.LogicalCores, runs = m.Runs }),
            commits = model.Commits.Select(c => new { index = c.Index, id = c.Id, label = c.Label, firstMeasuredUtc = c.FirstMeasuredUtc, branch = c.Branch }),
            changePoints = model.Changes.Select(c => new
            {
                cell = c.CellKey,
                cellName = c.CellName,
                machine = c.Machine,
                beforeCommit = c.Before.Id,
                afterCommit = c.After.Id,
                step = c.Step,
                ratio = c.Ratio,
                ratioLower = c.RatioLower,
                ratioUpper = c.RatioUpper,
                confidenceLevel = c.ConfidenceLevel,
                p = c.P,
                medianBeforeNs = c.MedianBeforeNs,
                medianAfterNs = c.MedianAfterNs,
                commitsBefore = c.PointsBefore,
                commitsAfter = c.PointsAfter,
                text = c.Sentence,
            }),
            cells = model.Trends.Select(t => new { key = t.Trend.Key, name = t.Trend.Name, chart = t.File, machines = t.Trend.Series.Count, points = t.Trend.Series.Sum(s => s.Points.Count) }),
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
