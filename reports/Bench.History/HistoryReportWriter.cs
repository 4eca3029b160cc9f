using System.Diagnostics;
using Bench.History.Charts;
using Bench.History.Html;
using Bench.History.Json;
using Bench.History.Machines;
using Bench.History.Trends;
using Bench.Results;
using Bench.Store;
using Bench.Store.Runs;

namespace Bench.History;

/// <summary>What <see cref="HistoryReportWriter"/> wrote.</summary>
/// <param name="Phases">Seconds spent reading the store, finding change points, drawing charts and writing the page: where a slow report spends its time.</param>
public sealed record HistoryReportOutput(
    string Directory, string IndexHtml, string Json, IReadOnlyList<string> Charts, IReadOnlyList<ChangePoint> Changes, int Runs, TimeSpan Elapsed,
    IReadOnlyDictionary<string, double> Phases);

/// <summary>
/// <c>bench history report</c>: reads the store's runs and cells, finds the change points, draws a trend per
/// cell (in parallel: each chart is independent) and writes index.html and history.json beside the PNGs.
/// </summary>
public static class HistoryReportWriter
{
    public static HistoryReportOutput Write(RunStore store, string outDirectory, HistoryOptions options)
    {
        var clock = Stopwatch.StartNew();
        var runs = store.List(options.Runs);
        if (runs.Count == 0)
        {
            throw new StoreException($"no runs{Filter(options.Runs)} in {store.Location.Display} to report; add some with bench history add RUN");
        }

        var phases = new Dictionary<string, double>();
        var phase = Stopwatch.StartNew();
        var cells = store.Cells(options.Runs);
        var present = runs.Select(r => r.Machine).ToHashSet(StringComparer.Ordinal);
        var machines = store.Machines().Where(m => present.Contains(m.Fingerprint)).ToList();
        var labels = machines.ToDictionary(m => m.Fingerprint, Label, StringComparer.Ordinal);
        var index = machines.Select((m, i) => (m, i)).ToDictionary(x => x.m.Fingerprint, x => x.i, StringComparer.Ordinal);
        var commits = TrendBuilder.Commits(runs);
        var trends = TrendBuilder.Cells(runs, cells, commits, labels);
        phases["read"] = phase.Elapsed.TotalSeconds;
        phase.Restart();
        // ED-PELT over a thousand commits is the report's most expensive step; the series are independent.
        var changes = trends.AsParallel().SelectMany(t => t.Series.SelectMany(s => ChangePointFinder.Find(t, s, options)))
            .OrderBy(c => c.After.Index).ThenBy(c => c.CellKey, StringComparer.Ordinal).ToList();
        phases["change points"] = phase.Elapsed.TotalSeconds;
        phase.Restart();
        var profiles = machines.Select(m =>
        {
            var newest = runs.Last(r => r.Machine == m.Fingerprint);
            return new MachineProfile(m, newest, store.Export(newest.Id));
        }).ToList();

        phases["machines"] = phase.Elapsed.TotalSeconds;
        phase.Restart();
        var directory = Path.GetFullPath(outDirectory);
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "t*.png"))
        {
            File.Delete(stale);
        }

        var files = new string?[trends.Count];
        Parallel.For(0, trends.Count, i =>
        {
            if (trends[i].Series.Count == 0)
            {
                return;
            }

            var file = $"t{i:000}.png";
            TrendChart.Draw(trends[i], changes.Where(c => c.CellKey == trends[i].Key).ToList(), commits, index, Path.Combine(directory, file));
            files[i] = file;
        });

        phases["charts"] = phase.Elapsed.TotalSeconds;
        phase.Restart();
        var model = new HistoryModel
        {
            StoreDisplay = store.Location.Display,
            FilterText = Filter(options.Runs),
            Options = options,
            Generated = DateTimeOffset.UtcNow,
            Runs = runs,
            Machines = machines,
            MachineLabels = labels,
            MachineIndex = index,
            Commits = commits,
            Trends = trends.Select((t, i) => (t, i, files[i])).ToList(),
            TrendIndex = trends.Select((t, i) => (t.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal),
            Changes = changes,
            Profiles = profiles,
        };
        var html = Path.Combine(directory, "index.html");
        var json = Path.Combine(directory, "history.json");
        AtomicFile.WriteAllText(html, HistoryPage.Render(model));
        AtomicFile.WriteAllText(json, HistoryJson.Render(model));
        phases["page"] = phase.Elapsed.TotalSeconds;
        return new HistoryReportOutput(directory, html, json, files.OfType<string>().Select(f => Path.Combine(directory, f)).ToList(), changes, runs.Count, clock.Elapsed, phases);
    }

    /// <summary>"AMD EPYC 7B13, 2 cores · 1a2b3c": short enough for a legend, distinct by its fingerprint.</summary>
    private static string Label(StoredMachine machine)
    {
        var cpu = machine.Description.Split(", ")[0];
        cpu = cpu.Length > 28 ? cpu[..27] + "…" : cpu;
        return $"{cpu}, {machine.LogicalCores} cores · {machine.Fingerprint[..6]}";
    }

    private static string Filter(RunFilter filter)
    {
        var parts = new List<string>();
        if (filter.Branch is { } branch)
        {
            parts.Add($"branch {branch}");
        }

        if (filter.Machine is { } machine)
        {
            parts.Add($"machine {machine}");
        }

        if (filter.Last is { } last)
        {
            parts.Add($"newest {last} runs");
        }

        return parts.Count > 0 ? " — " + string.Join(", ", parts) : "";
    }
}
