using Bench.Reports.Fit;
using Bench.Reports.Model;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// Speedup over W=1 against W, one line per strategy with each point's confidence interval as an error bar,
/// the ideal (linear, thin solid grey) line, and the Amdahl (dashed) and USL (dotted) fits where the data
/// carry them (<see cref="ScalabilityFit"/>) — drawn past the largest measured W to twice it, but never past
/// twice the machine's logical cores; that region is shaded and named in the legend. A fit whose R² is
/// below <see cref="ScalabilityFit.MinimumRSquaredToDraw"/> is left out of the chart (the table keeps it).
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
        var omitted = group.Fits.Count(f => !f.Value.DrawAmdahl) + group.Fits.Count(f => f.Value.Usl is not null && !f.Value.DrawUsl);
        var fitEnd = drawn.Count > 0 ? Math.Max(maxWorkers, Math.Min(maxWorkers * 2.0, 2.0 * context.Data.Environment.LogicalCores)) : maxWorkers;
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
        // Strategies side by side at each W, as on the efficiency chart, so that overlapping error bars stay apart.
        foreach (var (index, (strategy, points)) in curves.Index())
        {
            var colour = context.Colour(strategy);
            var dodge = ChartStyle.Dodge(index, curves.Count, 0.3);
            var line = plot.Add.Scatter(points.Select(p => p.Workers + dodge).ToArray(), points.Select(p => p.SpeedupVsW1!.Value).ToArray(), colour);
            line.LineWidth = 2.5f;
            line.MarkerSize = 9;
            line.LegendText = strategy;
            top = Math.Max(top, points.Max(p => p.SpeedupVsW1!.Value));
            var withInterval = points.Where(p => p.SpeedupInterval is not null).ToList();
            if (withInterval.Count > 0)
            {
                var bars = plot.Add.ErrorBar(
                    withInterval.Select(p => p.Workers + dodge).ToArray(),
                    withInterval.Select(p => p.SpeedupVsW1!.Value).ToArray(),
                    withInterval.Select(_ => 0.0).ToArray());
                bars.YErrorPositive = withInterval.Select(p => Math.Max(0, p.SpeedupInterval!.Value.High - p.SpeedupVsW1!.Value)).ToArray();
                bars.YErrorNegative = withInterval.Select(p => Math.Max(0, p.SpeedupVsW1!.Value - p.SpeedupInterval!.Value.Low)).ToArray();
                bars.Color = colour;
                bars.LineWidth = 1.5f;
                top = Math.Max(top, withInterval.Max(p => Math.Min(p.SpeedupInterval!.Value.High, p.SpeedupVsW1!.Value * 3)));
            }

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
                    var usl = plot.Add.ScatterLine(xs, xs.Select(fit.Usl!.Predict).ToArray(), colour);
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
        var mostPoints = group.Strategies.Select(st => group.Curve(st).Count(c => c.SpeedupVsW1 is not null)).DefaultIfEmpty(0).Max();
        var barsText = $"Bars: the speedup's {context.Data.Options.Confidence * 100:0.#}% confidence interval (both cells' samples). ";
        var caption = barsText + (group.Fits.Count == 0
            ? $"No fits: {ScalabilityFit.WhyNo("Amdahl", ScalabilityFit.AmdahlParameters, mostPoints)}, a model needs {ScalabilityFit.SurplusPoints} more worker counts than its parameters."
            : (drawn.Count > 0
                  ? $"Thin grey: ideal; dashed: Amdahl fit; dotted: USL fit, each in its strategy's colour where its worker counts outnumber its parameters by {ScalabilityFit.SurplusPoints} (Amdahl ≥ {ScalabilityFit.AmdahlParameters + ScalabilityFit.SurplusPoints}, USL ≥ {ScalabilityFit.UslParameters + ScalabilityFit.SurplusPoints})" +
                    (fitEnd > maxWorkers ? $", extended (shaded) to W={Format.Workers(fitEnd)}, beyond the largest measured W={maxWorkers} and never past 2× the {context.Data.Environment.LogicalCores} logical cores." : ", not extended: the largest measured W already reaches 2× the logical cores.")
                  : "Thin grey: ideal.") +
              (group.Fits.Values.Any(f => f.Usl is null) ? $" {ScalabilityFit.WhyNo("USL", ScalabilityFit.UslParameters, group.Fits.Values.Min(f => f.PointCount))}." : "") +
              (omitted > 0 ? $" {omitted} fit{(omitted == 1 ? "" : "s")} with R² below {ScalabilityFit.MinimumRSquaredToDraw:0.0#} not drawn (they do not describe the data; see the fit table)." : ""));
        return new ChartImage(title, file, caption);
    }
}
