using Bench.Results;

namespace Bench.Reports.Model;

/// <summary>One warning line of the report; <see cref="Kind"/> orders them, failures first.</summary>
public sealed record ReportWarning(WarningKind Kind, string Subject, string Message)
{
    /// <summary>The cell it is about; null for a warning about the whole run. The HTML page shows it with the cell's workload.</summary>
    public CellView? Cell { get; init; }
}

public enum WarningKind
{
    Failed,
    Invalid,
    Noisy,
    Multimodal,
    Cell,
    Run,
}

/// <summary>
/// Collects what a reader must not miss: failed and invalid cells (no timings), noisy and multimodal
/// cells (timings to read with care), the harness's own per-cell and run warnings.
/// </summary>
public static class ReportWarnings
{
    /// <summary>CV above this makes a cell "noisy" when the harness did not already say so.</summary>
    public const double NoisyCoefficientOfVariation = 0.10;

    /// <summary>Brendan Gregg's mvalue threshold for a multimodal distribution.</summary>
    public const double MultimodalMValue = 2.8;

    public static IReadOnlyList<ReportWarning> Collect(ReportData data)
    {
        var warnings = new List<ReportWarning>();
        foreach (var cell in data.Cells)
        {
            var subject = cell.Label + ParameterSuffix(cell.Cell);
            if (cell.Cell.Status == CellStatus.Failed)
            {
                warnings.Add(new(WarningKind.Failed, subject, cell.Cell.Error ?? "failed (no error text)") { Cell = cell });
            }
            else if (cell.Cell.Status == CellStatus.Invalid)
            {
                var detail = cell.Cell.Error ?? (cell.Cell.Validation is { } v ? $"expected {v.Expected}, got {v.Actual}" : "result differed from the reference");
                warnings.Add(new(WarningKind.Invalid, subject, detail) { Cell = cell });
            }
            else if (!cell.IsOk)
            {
                warnings.Add(new(WarningKind.Failed, subject, $"status '{cell.Cell.Status}'" + (cell.Cell.Error is { } e ? $": {e}" : "")) { Cell = cell });
            }

            var said = string.Join(" ", cell.Cell.Warnings).ToLowerInvariant();
            if (cell.CoefficientOfVariation is > NoisyCoefficientOfVariation && !said.Contains("noisy", StringComparison.Ordinal))
            {
                warnings.Add(new(WarningKind.Noisy, subject, $"noisy: CV {Format.Percent(cell.CoefficientOfVariation)} over {cell.Samples.Count} samples") { Cell = cell });
            }

            if (cell.MValue is >= MultimodalMValue && !said.Contains("multimodal", StringComparison.Ordinal))
            {
                warnings.Add(new(WarningKind.Multimodal, subject, $"multimodal: mvalue {Format.Number(cell.MValue)} (≥ {MultimodalMValue.ToString(System.Globalization.CultureInfo.InvariantCulture)})") { Cell = cell });
            }

            foreach (var text in cell.Cell.Warnings)
            {
                var kind = text.Contains("noisy", StringComparison.OrdinalIgnoreCase) ? WarningKind.Noisy
                    : text.Contains("multimodal", StringComparison.OrdinalIgnoreCase) ? WarningKind.Multimodal
                    : WarningKind.Cell;
                warnings.Add(new(kind, subject, text) { Cell = cell });
            }
        }

        warnings.AddRange(data.Results.Warnings.Select(w => new ReportWarning(WarningKind.Run, "run", w)));
        return warnings.OrderBy(w => w.Kind).ToList();
    }

    private static string ParameterSuffix(CellResult cell) =>
        cell.Parameters.Count == 0 ? "" : " (" + string.Join(", ", cell.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + ")";
}
