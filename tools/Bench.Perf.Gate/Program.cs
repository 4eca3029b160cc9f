using System.Globalization;
using Bench.Compare;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

// Error rates of bench compare's verdict rules on synthetic timings: lognormal with a 3% coefficient of
// variation, 15 samples a side, 1,000 pairs per scenario, default options (threshold 5%, noise 1%,
// alpha 0.01); then the same rules under host drift between launches, and under host regimes that last a
// whole run, against one baseline run and against a baseline history; last, a whole run of 93 cells
// compared at once, with and without the family adjustment. Deterministic: fixed seeds.
// Usage: Bench.Perf.Gate [pairs] [samples].
var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
const double CoefficientOfVariation = 0.03;
const double MedianNs = 10_000_000; // 10 ms, the scale of a sleep cell

var sigma = LogSigma(CoefficientOfVariation);
var options = new ComparisonOptions();

(string Name, double Slowdown, Func<Dictionary<Verdict, int>, double> Rate, string Target, Func<double, bool> Met)[] scenarios =
[
    ("A/A (no change): flagged slower", 1.00, counts => Share(counts, Verdict.Slower), "<= 1%", r => r <= 0.01),
    ("10% slowdown: detected as slower", 1.10, counts => Share(counts, Verdict.Slower), ">= 95%", r => r >= 0.95),
    ("3% slowdown (under the 5% threshold): flagged slower", 1.03, counts => Share(counts, Verdict.Slower), "<= 5%", r => r <= 0.05),
];

Console.WriteLine($"bench compare gate: lognormal samples, CV {CoefficientOfVariation:P0}, {samples} a side, {pairs} pairs per scenario; threshold {options.Threshold}, noise {options.Noise}, alpha {options.Alpha}");
var allMet = true;
var seed = 1;
foreach (var scenario in scenarios)
{
    var counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
    var baselineDistribution = new LogNormalDistribution(Math.Log(MedianNs), sigma);
    var currentDistribution = new LogNormalDistribution(Math.Log(MedianNs * scenario.Slowdown), sigma);
    var baselineRandom = baselineDistribution.Random(new Random(seed++));
    var currentRandom = currentDistribution.Random(new Random(seed++));
    for (var i = 0; i < pairs; i++)
    {
        var statistics = ShiftAnalysis.Analyze(baselineRandom.Next(samples), currentRandom.Next(samples), options.Alpha, options.Threshold, options.Noise);
        counts[VerdictRules.Classify(statistics, options, out _)]++;
    }

    var rate = scenario.Rate(counts);
    var met = scenario.Met(rate);
    allMet &= met;
    var spread = string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key.Name()} {c.Value}"));
    Console.WriteLine($"  {scenario.Name,-55} {rate,7:P1}  target {scenario.Target,-6} {(met ? "met" : "MISSED")}   ({spread})");
}

// Host drift: each launch's level is off by a lognormal factor (a speed regime), the samples of a launch
// share it. 3 launches of 8 samples a side, as `bench run --profile quick --launches 3`. A test over
// samples takes the drift for a change; with the launch as the unit (LaunchAnalysis) it widens the interval.
const int Launches = 3, PerLaunch = 8;
Console.WriteLine();
Console.WriteLine($"host drift between launches: {Launches} launches × {PerLaunch} samples a side, within-launch CV {CoefficientOfVariation:P0}, {pairs} pairs per scenario");
(string Name, double DriftCv, double Slowdown, bool ByLaunch, string Target, Func<double, bool>? Met)[] driftScenarios =
[
    ("A/A, drift CV 10%, test over samples: flagged slower", 0.10, 1.00, false, "(none)", null),
    ("A/A, drift CV 10%, test over launches: flagged slower", 0.10, 1.00, true, "<= 1%", r => r <= 0.01),
    ("10% slowdown, drift CV 1%, over launches: detected", 0.01, 1.10, true, ">= 95%", r => r >= 0.95),
    ("10% slowdown, drift CV 10%, over launches: detected", 0.10, 1.10, true, "(none)", null),
];
foreach (var scenario in driftScenarios)
{
    var counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
    var drift = new NormalDistribution(0, LogSigma(scenario.DriftCv)).Random(new Random(seed++));
    var noise = new NormalDistribution(0, sigma).Random(new Random(seed++));
    List<IReadOnlyList<double>> Side(double median) => DrawLaunches(Math.Log(median), drift.Next, noise.Next);
    for (var i = 0; i < pairs; i++)
    {
        var baseline = Side(MedianNs);
        var current = Side(MedianNs * scenario.Slowdown);
        var statistics = scenario.ByLaunch ? ByLaunches(baseline, current, options) : OverSamples(baseline, current, options);
        counts[VerdictRules.Classify(statistics, options, out _)]++;
    }

    allMet &= PrintSlowerRate(scenario.Name, counts, scenario.Target, scenario.Met);
}

// Host regimes that last a whole run: each run's level is off by a lognormal factor (run CV), each launch
// within it by a smaller one (2%). Launches cannot see the run's factor — all of a run's launches share it —
// so against one baseline run it reads as a change; a baseline history (RunAnalysis) tests the current run
// against the spread between runs. 3 launches × 8 samples a run, one current run per pair.
const double LaunchDriftCv = 0.02;
Console.WriteLine();
Console.WriteLine($"host regimes between runs: {Launches} launches × {PerLaunch} samples a run, launch drift CV {LaunchDriftCv:P0}, within-launch CV {CoefficientOfVariation:P0}, {pairs} pairs per scenario");
(string Name, double RunCv, int BaselineRuns, double Slowdown, string Target, Func<double, bool>? Met)[] runScenarios =
[
    ("A/A, run CV 10%, one baseline run, over launches", 0.10, 1, 1.00, "(none)", null),
    ("A/A, run CV 10%, history of 5 runs: flagged slower", 0.10, 5, 1.00, "<= 1%", r => r <= 0.01),
    ("A/A, run CV 10%, history of 10 runs: flagged slower", 0.10, 10, 1.00, "<= 1%", r => r <= 0.01),
    ("10% slowdown, run CV 2%, history of 5 runs: detected", 0.02, 5, 1.10, "(none)", null),
    ("10% slowdown, run CV 2%, history of 10 runs: detected", 0.02, 10, 1.10, "(none)", null),
    ("20% slowdown, run CV 2%, history of 5 runs: detected", 0.02, 5, 1.20, "(none)", null),
    ("3% slowdown, run CV 2%, history of 10 runs: flagged slower", 0.02, 10, 1.03, "(none)", null),
];
foreach (var scenario in runScenarios)
{
    var counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
    var runLevel = new NormalDistribution(0, LogSigma(scenario.RunCv)).Random(new Random(seed++));
    var launchLevel = new NormalDistribution(0, LogSigma(LaunchDriftCv)).Random(new Random(seed++));
    var noise = new NormalDistribution(0, sigma).Random(new Random(seed++));
    List<IReadOnlyList<double>> Run(double median) => DrawLaunches(Math.Log(median) + runLevel.Next(), launchLevel.Next, noise.Next);

    for (var i = 0; i < pairs; i++)
    {
        var baselineRuns = Enumerable.Range(0, scenario.BaselineRuns).Select(_ => Run(MedianNs)).ToList();
        var current = Run(MedianNs * scenario.Slowdown);
        var statistics = ShiftAnalysis.Analyze([.. baselineRuns.SelectMany(r => r).SelectMany(l => l)], [.. current.SelectMany(l => l)], options.Alpha, options.Threshold, options.Noise);
        statistics = scenario.BaselineRuns == 1
            ? LaunchAnalysis.Analyze(baselineRuns[0], current, options.Alpha, statistics)
            : RunAnalysis.Analyze([.. baselineRuns.Select(r => (IReadOnlyList<IReadOnlyList<double>>)r)], current, options.Alpha, statistics);
        counts[VerdictRules.Classify(statistics, options, out _)]++;
    }

    allMet &= PrintSlowerRate(scenario.Name, counts, scenario.Target, scenario.Met);
}

// A whole run: the quick matrix's 93 cells compared at once, 3 launches × 8 samples a side. Each cell
// tested at alpha alone, a run goes red somewhere by chance more often the more cells it has; with the
// cells' p-values adjusted as a family (Benjamini-Hochberg, bench compare's default) alpha bounds that
// chance, and detection needs more evidence per cell: the price shows at high drift.
const int Cells = 93, Runs = 200;
Console.WriteLine();
Console.WriteLine($"a whole run: {Cells} cells compared at once, {Launches} launches × {PerLaunch} samples a side, within-launch CV {CoefficientOfVariation:P0}, {Runs} runs per scenario");
(string Name, double DriftCv, int SlowedCells, double Slowdown, Correction Correction, bool CountRuns, string Target, Func<double, bool>? Met)[] familyScenarios =
[
    ("A/A, drift CV 5%, each cell at alpha: runs red", 0.05, 0, 1.0, Correction.None, true, "(none)", null),
    ("A/A, drift CV 5%, Benjamini-Hochberg: runs red", 0.05, 0, 1.0, Correction.BenjaminiHochberg, true, "<= 1%", r => r <= 0.01),
    ("10 cells 10% slower, drift 1%, each at alpha: detected", 0.01, 10, 1.10, Correction.None, false, "(none)", null),
    ("10 cells 10% slower, drift 1%, B-H: detected", 0.01, 10, 1.10, Correction.BenjaminiHochberg, false, "(none)", null),
    ("1 cell 10% slower, drift 1%, B-H: detected", 0.01, 1, 1.10, Correction.BenjaminiHochberg, false, "(none)", null),
    ("10 cells 15% slower, drift 5%, each at alpha: detected", 0.05, 10, 1.15, Correction.None, false, "(none)", null),
    ("10 cells 15% slower, drift 5%, B-H: detected", 0.05, 10, 1.15, Correction.BenjaminiHochberg, false, "(none)", null),
];
foreach (var scenario in familyScenarios)
{
    var drift = new NormalDistribution(0, LogSigma(scenario.DriftCv)).Random(new Random(seed++));
    var noise = new NormalDistribution(0, sigma).Random(new Random(seed++));
    List<IReadOnlyList<double>> Side(double median) => DrawLaunches(Math.Log(median), drift.Next, noise.Next);
    var familyOptions = options with { Correction = scenario.Correction };
    var (hits, trials) = (0, 0);
    for (var run = 0; run < Runs; run++)
    {
        var statistics = new List<ChangeStatistics?>();
        for (var cell = 0; cell < Cells; cell++)
        {
            var baseline = Side(MedianNs);
            var current = Side(MedianNs * (cell < scenario.SlowedCells ? scenario.Slowdown : 1.0));
            statistics.Add(ByLaunches(baseline, current, options));
        }

        var decided = FamilyAdjustment.Apply(statistics, scenario.Correction);
        var slower = decided.Select(s => VerdictRules.Classify(s!, familyOptions, out _) == Verdict.Slower).ToList();
        if (scenario.CountRuns)
        {
            (hits, trials) = (hits + (slower.Any(x => x) ? 1 : 0), trials + 1);
        }
        else
        {
            (hits, trials) = (hits + slower.Take(scenario.SlowedCells).Count(x => x), trials + scenario.SlowedCells);
        }
    }

    var rate = (double)hits / trials;
    var met = scenario.Met?.Invoke(rate) ?? true;
    allMet &= met;
    Console.WriteLine($"  {scenario.Name,-55} {rate,7:P1}  target {scenario.Target,-6} {(scenario.Met is null ? "info" : met ? "met" : "MISSED")}   ({hits} of {trials} {(scenario.CountRuns ? "runs" : "slowed cells")})");
}

Console.WriteLine(allMet ? "all targets met" : "some targets missed");
return allMet ? 0 : 1;

// Launches × PerLaunch samples around exp(logLevel): each launch's level off by a draw of launchDrift, each sample by one of noise.
static List<IReadOnlyList<double>> DrawLaunches(double logLevel, Func<double> launchDrift, Func<double> noise) =>
    [.. Enumerable.Range(0, Launches).Select(_ =>
    {
        var level = logLevel + launchDrift();
        return (IReadOnlyList<double>)[.. Enumerable.Range(0, PerLaunch).Select(_ => Math.Exp(level + noise()))];
    })];

// Prints how often a scenario came out slower and, where it has one, whether its target was met.
static bool PrintSlowerRate(string name, Dictionary<Verdict, int> counts, string target, Func<double, bool>? met)
{
    var rate = Share(counts, Verdict.Slower);
    var isMet = met?.Invoke(rate) ?? true;
    var spread = string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key.Name()} {c.Value}"));
    Console.WriteLine($"  {name,-55} {rate,7:P1}  target {target,-6} {(met is null ? "info" : isMet ? "met" : "MISSED")}   ({spread})");
    return isMet;
}

// The shift analysis over every sample of both sides, as bench compare does with one launch a side.
static ChangeStatistics OverSamples(List<IReadOnlyList<double>> baseline, List<IReadOnlyList<double>> current, ComparisonOptions options) =>
    ShiftAnalysis.Analyze([.. baseline.SelectMany(l => l)], [.. current.SelectMany(l => l)], options.Alpha, options.Threshold, options.Noise);

// The same, then tested over launches, as bench compare does with several launches a side.
static ChangeStatistics ByLaunches(List<IReadOnlyList<double>> baseline, List<IReadOnlyList<double>> current, ComparisonOptions options) =>
    LaunchAnalysis.Analyze(baseline, current, options.Alpha, OverSamples(baseline, current, options));

// For a lognormal, CV² = exp(σ²) − 1.
static double LogSigma(double cv) => Math.Sqrt(Math.Log(1 + cv * cv));

static double Share(Dictionary<Verdict, int> counts, Verdict verdict) => (double)counts[verdict] / counts.Values.Sum();
