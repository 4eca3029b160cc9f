using Bench.Results;

namespace Bench.Store.Tests;

/// <summary>
/// Histories made from one real run: each replay multiplies every cell's samples by a run-level factor (the
/// drift between runs) and a per-sample factor (the spread within a run), both lognormal, optionally slows
/// chosen cells by a step, and starts an hour after the previous replay. Statistics are recomputed from the
/// new samples. Deterministic for a seed. Also a second machine, made by rewriting a real run's environment:
/// synthetic, and named so in its CPU and host name.
/// </summary>
public static class SyntheticRuns
{
    public static RunResults Replay(RunResults real, int index, Random random, double runSigma = 0.02, double sampleSigma = 0.01, Func<CellResult, bool>? slowed = null, double step = 0)
    {
        var runFactor = Math.Exp(runSigma * Gaussian(random));
        var cells = real.Cells.Select(cell =>
        {
            var factor = runFactor * (slowed?.Invoke(cell) == true ? 1 + step : 1);
            var samples = cell.SamplesNs.Select(s => s * factor * Math.Exp(sampleSigma * Gaussian(random))).ToList();
            return Scaled(cell, samples, factor);
        }).ToList();
        return real with
        {
            Environment = real.Environment with { StartedUtc = real.Environment.StartedUtc.AddHours(index) },
            CompletedUtc = real.CompletedUtc?.AddHours(index),
            Cells = cells,
        };
    }

    /// <summary>
    /// The same run as if measured on a 16-core (8 physical) machine: another CPU name, faster OS floors,
    /// every batch 0.7× as long. A fabrication for tests of machines side by side, labelled "synthetic".
    /// </summary>
    public static RunResults OnSixteenCores(RunResults real) => real with
    {
        Environment = real.Environment with
        {
            Cpu = "Intel Xeon Gold 6338 (synthetic)",
            LogicalCores = 16,
            PhysicalCores = 8,
            MachineName = "synthetic-16-core",
            StartedUtc = real.Environment.StartedUtc.AddMinutes(30),
        },
        Calibration = real.Calibration is { } c
            ? c with { ThreadCreateJoinNs = c.ThreadCreateJoinNs * 0.5, ProcessSpawnWaitNs = c.ProcessSpawnWaitNs * 0.4, PipeRoundTripNs = c.PipeRoundTripNs * 0.5, TaskRunNs = c.TaskRunNs * 0.6 }
            : null,
        Cells = real.Cells.Select(cell => Scaled(cell, cell.SamplesNs.Select(s => s * 0.7).ToList(), 0.7)).ToList(),
    };

    private static CellResult Scaled(CellResult cell, IReadOnlyList<double> samples, double factor)
    {
        if (samples.Count == 0)
        {
            return cell;
        }

        var sorted = samples.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return cell with
        {
            SamplesNs = samples,
            MedianNs = median,
            Statistics = cell.Statistics is { } s
                ? s with { MedianNs = median, MeanNs = samples.Average(), MadNs = s.MadNs * factor, CiLowerNs = s.CiLowerNs * factor, CiUpperNs = s.CiUpperNs * factor }
                : null,
            Derived = cell.Derived is { } d
                ? d with
                {
                    ItemsPerSecond = d.ItemsPerSecond / factor,
                    // As the harness derives it: (median − ideal) · W / items.
                    OverheadPerItemNs = d.IdealNs is { } ideal && cell.Items > 0 ? (median - ideal) * cell.Workers / cell.Items : d.OverheadPerItemNs,
                }
                : null,
        };
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
