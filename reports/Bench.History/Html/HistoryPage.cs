using System.Globalization;
using System.Text;
using Bench.History.Machines;
using Bench.History.Trends;
using Bench.Reports.Html;
using Bench.Reports.Model;
using Bench.Results;
using static Bench.Results.Text.HtmlText;

namespace Bench.History.Html;

/// <summary>
/// history/index.html: change points first (what a reader came for), the machines side by side, a trend
/// chart per cell grouped by workload, and the runs. One self-contained page: inline CSS, PNGs beside it,
/// no script, no network (the same Content-Security-Policy as the run report).
/// </summary>
public static class HistoryPage
{
    private const string ExtraCss = """
        .trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(620px, 1fr)); gap: 0.5rem 1.5rem; }
        .trends figure { margin: 0.4rem 0; }
        ul.changes li { margin: 0.3rem 0; }
        .slower { color: #cf222e; font-weight: 600; }
        .faster { color: #1a7f37; font-weight: 600; }
        td.answer { max-width: 520px; }
        """;

    public static string Render(HistoryModel model)
    {
        var html = new StringBuilder(256 * 1024);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{HtmlReport.Policy}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>bench history — {model.Runs.Count} runs, {model.Machines.Count} machines</title>
            <style>{HtmlStyle.Css}{ExtraCss}</style>
            </head>
            <body>
            <h1>History: {model.Runs.Count} run{(model.Runs.Count == 1 ? "" : "s")} on {model.Machines.Count} machine{(model.Machines.Count == 1 ? "" : "s")}, {model.Commits.Count} commit{(model.Commits.Count == 1 ? "" : "s")}</h1>
            <p class="subtitle">{Escape(model.StoreDisplay)}{Escape(model.FilterText)} — {model.Trends.Count} cells, from {Format.Timestamp(model.Runs[0].StartedUtc)} to {Format.Timestamp(model.Runs[^1].StartedUtc)}</p>

            """);
        ChangePoints(html, model);
        Machines(html, model);
        Trends(html, model);
        Runs(html, model);
        html.Append($"""
            <footer>bench history report, written {Format.Timestamp(model.Generated)}; change points also in history.json.</footer>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void ChangePoints(StringBuilder html, HistoryModel model)
    {
        var test = model.Options.Test;
        html.Append($"""
            <h2 id="change-points">Change points</h2>
            <p>Each cell's series is one value per commit on each machine (the median of its runs there). Perfolizer's ED-PELT
            (Haynes, Fearnhead and Eckley, <i>A computationally efficient nonparametric approach for changepoint detection</i>, 2017)
            proposes where a series changes, with segments of at least {ChangePointFinder.MinimumSegment} commits; a proposed step
            counts when bench compare's test would call the segment after it slower or faster than the one before: a
            Mann-Whitney test beyond the noise threshold {Escape(test.Noise.Text)} at alpha {test.Alpha.ToString(CultureInfo.InvariantCulture)}
            and a Hodges-Lehmann ratio beyond {Escape(test.Threshold.Text)}. Smaller or less certain steps are not listed.</p>

            """);
        if (model.Changes.Count == 0)
        {
            html.Append("<p id=\"no-change-points\">No change points: no cell stepped beyond the threshold on any machine.</p>\n");
            return;
        }

        html.Append("<ul class=\"changes\" id=\"change-point-list\">\n");
        foreach (var change in model.Changes)
        {
            var kind = change.Ratio > 1 ? "slower" : "faster";
            html.Append($"""<li><span class="{kind}">{Escape(change.Step)}</span> {Escape(change.Sentence)} <a href="#{TrendAnchor(model.TrendIndex[change.CellKey])}">(chart)</a></li>""").Append('\n');
        }

        html.Append("</ul>\n");
    }

    private static void Machines(StringBuilder html, HistoryModel model)
    {
        html.Append("""
            <h2 id="machines">Machines side by side</h2>
            <p>Each machine's newest run in this history. A machine is its CPU model, logical and physical cores and OS
            (docs/history.md); runs on the same machine kind share one history whatever their host names.</p>
            <div class="scroll"><table id="machine-answers"><thead><tr><th>machine</th><th>runs</th><th>newest run</th>
            """);
        var categories = model.Profiles.SelectMany(p => p.Headline.Select(h => h.Category)).Distinct().ToList();
        foreach (var category in categories)
        {
            html.Append($"<th>{Escape(Categories.Title(category))}: the guide's answer here</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var profile in model.Profiles)
        {
            html.Append($"<tr><td>{Swatch(model, profile.Machine.Fingerprint)}{Escape(profile.Machine.Description)} <code>{Escape(profile.Machine.Fingerprint)}</code></td>");
            html.Append($"<td class=\"num\">{profile.Machine.Runs}</td><td>{Escape(CommitText(profile.Newest))}, {Format.Timestamp(profile.Newest.StartedUtc)}</td>");
            foreach (var category in categories)
            {
                html.Append($"<td class=\"answer\">{Escape(profile.Headline.FirstOrDefault(h => h.Category == category)?.Text ?? "not measured")}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        SpeedupAtCores(html, model);
        PerItemCosts(html, model);
    }

    private static void SpeedupAtCores(StringBuilder html, HistoryModel model)
    {
        html.Append("""
            <h3 id="speedup-at-cores">Speedup at W = cores</h3>
            <p>Each strategy's batch-time speedup over its own W = 1 at W = the machine's logical cores (or the largest W
            measured below it, named), in the machine's newest run. Where the guide's rule holds, CPU-bound work scales
            with cores under processes and I/O-bound work under threads.</p>
            <div class="scroll"><table id="speedup-table"><thead><tr><th>workload</th><th>strategy</th>
            """);
        foreach (var profile in model.Profiles)
        {
            html.Append($"<th>{Swatch(model, profile.Machine.Fingerprint)}{Escape(model.MachineLabels[profile.Machine.Fingerprint])} (W = {profile.Cores})</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        var workloads = model.Profiles.SelectMany(p => p.Data.Groups.Select(g => g.Workload)).Distinct().ToList();
        foreach (var workload in workloads)
        {
            var strategies = SeriesOrder(model).Where(series => model.Profiles.Any(p => p.Data.Cells.Any(c => c.Workload == workload && c.Strategy == series)));
            foreach (var strategy in strategies)
            {
                html.Append($"<tr><td>{Escape(workload)}</td><td>{Escape(strategy)}</td>");
                foreach (var profile in model.Profiles)
                {
                    var cell = profile.AtCores(workload, strategy);
                    html.Append(cell is null
                        ? "<td class=\"num missing\">—</td>"
                        : $"<td class=\"num\">{Format.Times(cell.SpeedupVsW1)}{(cell.Workers == profile.Cores ? "" : $" at W = {cell.Workers}")}</td>");
                }

                html.Append("</tr>\n");
            }
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void PerItemCosts(StringBuilder html, HistoryModel model)
    {
        html.Append("""
            <h3 id="per-item-costs">Cost per item against the OS floor</h3>
            <p>Each strategy's overhead per item over the ideal time (at the smallest W measured, in a workload that knows its
            ideal time) beside the floor the OS sets for what the strategy does per item on that machine (calibration): a
            thread created and joined, a process spawned and waited for, a pipe round trip, a Task.Run. "×" is how many
            floors the item costs.</p>
            <div class="scroll"><table id="cost-table"><thead><tr><th>strategy</th><th>OS floor</th>
            """);
        foreach (var profile in model.Profiles)
        {
            html.Append($"<th>{Swatch(model, profile.Machine.Fingerprint)}{Escape(model.MachineLabels[profile.Machine.Fingerprint])}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var strategy in SeriesOrder(model))
        {
            var floor = model.Profiles.Select(p => p.FloorOf(strategy)).FirstOrDefault(f => f is not null);
            html.Append($"<tr><td>{Escape(strategy)}</td><td>{Escape(floor is null ? "—" : OsFloor.Label(floor))}</td>");
            foreach (var profile in model.Profiles)
            {
                var cell = profile.PerItemCost(strategy);
                var floorNs = OsFloor.Of(profile.Data.Calibration, profile.FloorOf(strategy));
                var text = cell is null ? "—" : $"{Format.Duration(cell.OverheadPerItemNs)} ({Escape(cell.Workload)}, W = {cell.Workers})";
                text += floorNs is { } ns ? $"; floor {Format.Duration(ns)}" + (cell is not null ? $", {Format.Times(cell.OverheadPerItemNs / ns)}" : "") : "; no calibration";
                html.Append($"<td class=\"num\">{text}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void Trends(StringBuilder html, HistoryModel model)
    {
        html.Append("<h2 id=\"trends\">Trends</h2>\n<p>Each chart is one cell: the median batch time at each commit, one line per machine, the bars its interval (the cell's confidence interval of the median; with several runs of a commit, the span of theirs); hollow dots are the runs of a commit that has several; dashed vertical lines mark change points, labelled with the step. The time axis starts at zero.</p>\n");
        foreach (var group in model.Trends.GroupBy(t => t.Trend.Group))
        {
            html.Append($"<h3>{Escape(group.Key)}</h3>\n<div class=\"trends\">\n");
            foreach (var (trend, index, file) in group)
            {
                var changes = model.Changes.Count(c => c.CellKey == trend.Key);
                html.Append($"<figure id=\"{TrendAnchor(index)}\">");
                html.Append(file is null
                    ? $"<div class=\"chart-note\">{Escape(trend.Name)}: no successful measurement in these runs.</div>"
                    : $"<img src=\"{file}\" alt=\"{Escape(trend.Name)} over commits\" width=\"760\" height=\"380\">");
                html.Append($"<figcaption>{Escape(trend.Name)} {Escape(trend.Parameters)} — {Count(trend.Series.Sum(s => s.Points.Count), "commit")}, " +
                            $"{Count(trend.Series.Sum(s => s.Points.Sum(p => p.Runs)), "run")} on {Count(trend.Series.Count, "machine")}" +
                            (changes > 0 ? $", {Count(changes, "change point")}" : "") + "</figcaption></figure>\n");
            }

            html.Append("</div>\n");
        }
    }

    private static void Runs(StringBuilder html, HistoryModel model)
    {
        html.Append("""
            <h2 id="runs">Runs</h2>
            <p>Newest first; <code>bench history export ID</code> writes a run back as results.json.</p>
            <div class="scroll"><table id="run-table"><thead><tr><th>run</th><th>started</th><th>machine</th><th>commit</th><th>branch</th><th>profile</th><th class="num">cells</th></tr></thead><tbody>

            """);
        foreach (var run in model.Runs.Reverse())
        {
            html.Append($"<tr><td><code>{Escape(run.Id)}</code></td><td>{Format.Timestamp(run.StartedUtc)}</td><td>{Swatch(model, run.Machine)}{Escape(model.MachineLabels.GetValueOrDefault(run.Machine, run.Machine))}</td>" +
                        $"<td><code>{Escape(run.Commit ?? "—")}</code></td><td>{Escape(run.Branch ?? "—")}</td><td>{Escape(run.Profile)}</td><td class=\"num\">{run.CellCount}</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Every machine's series (strategies and their variants) in the first machine's order, then the others' new ones.</summary>
    private static IReadOnlyList<string> SeriesOrder(HistoryModel model) => model.Profiles.SelectMany(p => p.Data.Strategies).Distinct(StringComparer.Ordinal).ToList();

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string TrendAnchor(int index) => $"trend-{index:000}";

    private static string Swatch(HistoryModel model, string machine) =>
        model.MachineIndex.TryGetValue(machine, out var i) ? $"<span class=\"swatch\" style=\"background:{Charts.TrendChart.Colour(i)}\"></span>" : "";

    private static string CommitText(Bench.Store.Runs.StoredRun run) => run.Commit is { } c ? $"commit {c[..Math.Min(12, c.Length)]}" : $"run {run.Id}";
}
