using System.Globalization;
using Bench.Compare;
using Bench.Compare.Statistics;
using Bench.Compare.Verdicts;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

// Error rates of bench compare's verdict rules on synthetic timings: lognormal with a 3% coefficient of
// variation, 15 samples a side, 1,000 pairs per scenario, default options (threshold 5%, noise 1%,
// alpha 0.01). Deterministic: fixed seeds. Usage: Bench.Perf.Gate [pairs] [samples].
var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
const double CoefficientOfVariation = 0.03;
const double MedianNs = 10_000_000; // 10 ms, the scale of a sleep cell

// For a lognormal, CV² = exp(σ²) − 1.
var sigma = Math.Sqrt(Math.Log(1 + CoefficientOfVariation * CoefficientOfVariation));
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

Console.WriteLine(allMet ? "all targets met" : "some targets missed");
return allMet ? 0 : 1;

static double Share(Dictionary<Verdict, int> counts, Verdict verdict) => (double)counts[verdict] / counts.Values.Sum();
