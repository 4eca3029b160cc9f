using System.Diagnostics;
using System.Globalization;
using Bench.History;
using Bench.Reports;
using Bench.Results;
using Bench.Store;
using Bench.Store.Tests;

// bench-perf-history [RESULTS.json] [RUNS]: adds RUNS (1,000) replays of a real run (default: the checked-in
// 93-cell quick run) to a fresh SQLite store, one `bench history add` transaction each, then renders the history
// report over them. Baselines measured in the same process: writing the same runs as loose results.json files
// (what the CI recipe kept before the store), and the run report of one run.
var repository = Repository();
var source = args.Length > 0 ? args[0] : Path.Combine(repository, "tests", "fixtures", "results-quick-93.json");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var real = ResultsFile.Read(source);
var work = Path.Combine(repository, "artifacts", "perf-history");
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
Console.WriteLine($"bench-perf-history: {count} replays of {source} ({real.Cells.Count} cells, {real.Cells.Sum(c => c.SamplesNs.Count)} samples each); load average before: {LoadAverage()}");

var random = new Random(1000);
// The sieve cells step +10% at the middle run, so the report has change points to find and draw.
var runs = Enumerable.Range(1, count).Select(i => SyntheticRuns.Replay(real, i, random, slowed: i > count / 2 ? c => c.Workload == "sieve" : null, step: 0.10)).ToList();

var files = Stopwatch.StartNew();
for (var i = 0; i < runs.Count; i++)
{
    ResultsFile.Write(Path.Combine(work, "files", $"{i:0000}.json"), runs[i]);
}

files.Stop();

var db = Path.Combine(work, "history.db");
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var add = Stopwatch.StartNew();
for (var i = 0; i < runs.Count; i++)
{
    // One store opened per run, as `bench history add` (a process per CI job) does.
    using var store = RunStore.Open(StoreLocation.Parse(db));
    store.Add([new Bench.Store.Runs.RunToAdd(runs[i], $"replay {i + 1}", $"c{i + 1:0000}", "main")]);
}

add.Stop();
var addCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var dbBytes = new FileInfo(db).Length + (File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0);
Console.WriteLine($"add:    {count} runs in {add.Elapsed.TotalSeconds:F1} s ({add.Elapsed.TotalMilliseconds / count:F1} ms a run; CPU {addCpu.TotalSeconds:F1} s); store {dbBytes / 1048576.0:F1} MiB; " +
                  $"baseline, the same runs as loose results.json: {files.Elapsed.TotalSeconds:F1} s, {DirectorySize(Path.Combine(work, "files")) / 1048576.0:F1} MiB; ratio {add.Elapsed / files.Elapsed:F2}×; load average {LoadAverage()}");

var single = Stopwatch.StartNew();
ReportWriter.Write(real, Path.Combine(work, "run-report"));
single.Stop();

cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var render = Stopwatch.StartNew();
HistoryReportOutput report;
using (var store = RunStore.Open(StoreLocation.Parse(db)))
{
    report = HistoryReportWriter.Write(store, Path.Combine(work, "history"), HistoryOptions.Default);
}

render.Stop();
var renderCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine($"report: {report.Runs} runs, {report.Charts.Count} charts, {report.Changes.Count} change points in {render.Elapsed.TotalSeconds:F1} s (CPU {renderCpu.TotalSeconds:F1} s on {Environment.ProcessorCount} cores); " +
                  $"index.html {new FileInfo(report.IndexHtml).Length / 1048576.0:F2} MiB, history.json {new FileInfo(report.Json).Length / 1024.0:F0} KiB, charts {report.Charts.Sum(c => new FileInfo(c).Length) / 1048576.0:F1} MiB; " +
                  $"baseline, the run report of one run: {single.Elapsed.TotalSeconds:F1} s; ratio {render.Elapsed / single.Elapsed:F1}×; load average {LoadAverage()}");
Console.WriteLine("report phases: " + string.Join(", ", report.Phases.Select(p => $"{p.Key} {p.Value:F1} s")));
Console.WriteLine(report.IndexHtml);
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static long DirectorySize(string directory) => Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);

static string Repository()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("run bench-perf-history from the repository's build output");
}
