namespace Bench.Reports.Html;

/// <summary>
/// Everything index.html shows, as text already formatted: the model that <see cref="ReportPage"/> (the
/// Razor layout) renders. Built by <see cref="HtmlReport"/> from the report's data; the layout decides
/// only where things go.
/// </summary>
public sealed record ReportView
{
    public required string Title { get; init; }

    public required string Subtitle { get; init; }

    public required string Policy { get; init; }

    public required IReadOnlyList<string> Headline { get; init; }

    public required GuideView Guide { get; init; }

    public required IReadOnlyList<WorkloadView> Workloads { get; init; }

    /// <summary>Warnings about the run as a whole (not one cell).</summary>
    public required IReadOnlyList<WarningView> RunWarnings { get; init; }

    public required int WarningCount { get; init; }

    public required IReadOnlyList<(string Name, string Value)> Environment { get; init; }

    public required CellsView Cells { get; init; }

    public required string Footer { get; init; }
}

public sealed record StrategyHead(string Name, string Colour);

public sealed record GuideView(IReadOnlyList<StrategyHead> Strategies, IReadOnlyList<GuideRowView> Rows, IReadOnlyList<string> Contradictions);

public sealed record GuideRowView(string Feature, string GuideSays, IReadOnlyList<GuideCellView> Cells);

public sealed record GuideCellView(string Text, string Classes);

/// <param name="Id">The section's anchor (w00, w01, …): the table of contents links to it.</param>
public sealed record WorkloadView(string Id, string Name, string Category, string Summary, FitsView Fits, IReadOnlyList<ChartView> Charts, IReadOnlyList<WarningView> Warnings)
{
    /// <summary>The workload's "why" panel (counters per item), or null.</summary>
    public WhyView? Why { get; init; }
}

/// <param name="Missing">Why there is no table (a file without counters), or null.</param>
/// <param name="Columns">The counters' labels, after strategy, W and median.</param>
public sealed record WhyView(string Sentence, string? Missing, IReadOnlyList<string> Columns, IReadOnlyList<WhyRowView> Rows, string Note);

/// <param name="Role">"(fastest)", "(slowest)" or "".</param>
/// <param name="Figures">Each counter's text, and whether it is one of the marked differences.</param>
public sealed record WhyRowView(StrategyHead Strategy, string Role, int Workers, string Median, IReadOnlyList<(string Text, bool Hot)> Figures);

/// <param name="Missing">Why no model was fitted, or null when <paramref name="Rows"/> has them.</param>
public sealed record FitsView(string? Missing, string Level, IReadOnlyList<FitRowView> Rows, string Note);

/// <param name="Usl">σ, κ, peak W, speedup at the peak, R² — or null, with <paramref name="UslMissing"/> saying why.</param>
public sealed record FitRowView(StrategyHead Strategy, string Serial, string Limit, string AmdahlR2, IReadOnlyList<string>? Usl, string? UslMissing);

public sealed record ChartView(string? File, string Title, string Caption, string? Missing);

public sealed record WarningView(string Kind, string Subject, string Message);

/// <param name="Columns">The figure columns after workload, parameters, strategy, W and status.</param>
public sealed record CellsView(IReadOnlyList<string> Columns, IReadOnlyList<CellRowView> Rows, IReadOnlyList<string> Workloads, IReadOnlyList<string> Strategies, IReadOnlyList<int> Workers);

/// <param name="Figures">Text shown and the value sorted by (invariant number, empty when there is none).</param>
public sealed record CellRowView(string Workload, string Parameters, StrategyHead Strategy, int Workers, bool Ok, string Status, IReadOnlyList<(string Text, string Sort)> Figures);
