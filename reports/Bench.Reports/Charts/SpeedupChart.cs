using Bench.Reports.Fit;
using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// Speedup over W=1 against W, one line per strategy, the ideal (linear, thin solid grey) line, and the Amdahl (dashed)
/// and USL (dotted) fits where a strategy has ≥ 3 worker counts — drawn to twice the largest measured W,
/// which is the fits' view beyond this machine; that region is shaded and named in the legend. A fit whose
/// R² is below <see cref="ScalabilityFit.MinimumRSquaredToDraw"/> is left out of the chart (the table keeps it).
/// </summary>
public static class SpeedupChart
{
    public static ChartImage Draw(WorkloadGroup group, ChartContext context)
    {
        var title = $"Speedup vs workers — {group.Title}";
        var curves = group.Strategies
            .Select(s => (Strategy: s, Points: group.Curve(s).Where(c => c.SpeedupVsW1 is not null).ToList()))
            .Where(c => c.Points.Count > 0)
            .ToList();
        if (!curves.Any(c => c.Points.Count >= 2))
        {
            return ChartImage.Absent(title, "No speedup curve: a strategy needs an ok W=1 cell and at least one more worker count (or derived.speedupVsW1).");
        }

        var maxWorkers = group.WorkerCounts.Max();
        var drawn = group.Fits.Where(f => f.Value.DrawAmdahl || f.Value.DrawUsl).ToDictionary(f => f.Key, f => f.Value);
        var omitted = group.Fits.Count(f => !f.Value.DrawAmdahl) + group.Fits.Count(f => !f.Value.DrawUsl);
        var fitEnd = drawn.Count > 0 ? maxWorkers * 2.0 : maxWorkers;
        var plot = ChartStyle.Create(title, "workers W", "speedup over W=1 (×)");
        if (fitEnd > maxWorkers)
        {
            // Beyond the largest measured W there are only the models: shaded, and said so in the legend,
            // so the chart on its own never passes a fit off as a measurement.
            var unmeasured = plot.Add.HorizontalSpan(maxWorkers, fitEnd + 0.5, new Color(0, 0, 0, 14));
            unmeasured.LineWidth = 0;
            unmeasured.LegendText = "not measured (fits only)";
        }

        // Solid and thin: dashed and dotted belong to the fits, and a dashed ideal line had the same
        // legend swatch as "Amdahl fit".
        var ideal = plot.Add.ScatterLine(new[] { 1.0, fitEnd }, new[] { 1.0, fitEnd }, ChartStyle.Ideal);
        ideal.LinePattern = LinePattern.Solid;
        ideal.LineWidth = 1f;
        ideal.LegendText = "ideal (speedup = W)";

        var top = 1.0;
        foreach (var (strategy, points) in curves)
        {
            var colour = context.Colour(strategy);
            var line = plot.Add.Scatter(points.Select(p => (double)p.Workers).ToArray(), points.Select(p => p.SpeedupVsW1!.Value).ToArray(), colour);
            line.LineWidth = 2.5f;
            line.MarkerSize = 9;
            line.LegendText = strategy;
            top = Math.Max(top, points.Max(p => p.SpeedupVsW1!.Value));

            if (drawn.TryGetValue(strategy, out var fit))
            {
                var xs = Enumerable.Range(0, 81).Select(i => 1 + (fitEnd - 1) * i / 80.0).ToArray();
                if (fit.DrawAmdahl)
                {
                    var amdahl = plot.Add.ScatterLine(xs, xs.Select(fit.Amdahl.Predict).ToArray(), colour);
                    amdahl.LinePattern = LinePattern.Dashed;
                    amdahl.LineWidth = 1.5f;
                    top = Math.Max(top, xs.Max(fit.Amdahl.Predict));
                }

                if (fit.DrawUsl)
                {
                    var usl = plot.Add.ScatterLine(xs, xs.Select(fit.Usl.Predict).ToArray(), colour);
                    usl.LinePattern = LinePattern.Dotted;
                    usl.LineWidth = 2f;
                    top = Math.Max(top, xs.Max(fit.Usl.Predict));
                }
            }
        }

        if (drawn.Values.Any(f => f.DrawAmdahl))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Amdahl fit", LineColor = ChartStyle.Ideal, LinePattern = LinePattern.Dashed, LineWidth = 1.5f });
        }

        if (drawn.Values.Any(f => f.DrawUsl))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "USL fit", LineColor = ChartStyle.Ideal, LinePattern = LinePattern.Dotted, LineWidth = 2f });
        }

        // The y range follows the data and fits, not the ideal line, so that sub-linear curves are not
        // squashed flat at the bottom; the ideal line simply leaves through the top.
        plot.Axes.SetLimits(0.5, fitEnd + 0.5, 0, Math.Max(top * 1.15, 1.5));
        ChartStyle.WorkerTicks(plot.Axes.Bottom, group.WorkerCounts.Select(w => (double)w).Append(fitEnd));
        ChartStyle.LegendOutside(plot);
        var file = context.FileName(group, "speedup");
        ChartStyle.Save(plot, context.Directory, file);
        var caption = group.Fits.Count == 0
            ? "No fits: fewer than 3 worker counts per strategy."
            : (drawn.Count > 0
                  ? $"Thin grey: ideal; dashed: Amdahl fit; dotted: USL fit, each in its strategy's colour (strategies with ≥ 3 worker counts), extended to W={Format.Workers(fitEnd)}, beyond the largest measured W={maxWorkers}."
                  : "Thin grey: ideal.") +
              (omitted > 0 ? $" {omitted} fit{(omitted == 1 ? "" : "s")} with R² below {ScalabilityFit.MinimumRSquaredToDraw:0.0#} not drawn (they do not describe the data; see the fit table)." : "");
        return new ChartImage(title, file, caption);
    }
}
