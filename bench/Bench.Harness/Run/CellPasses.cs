using System.Globalization;
using Bench.Harness.Planning;
using Bench.Harness.Run.Progress;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// The cells of a run, each in its own process (<see cref="CellLaunches"/>), journaled as they finish.
/// Pass k measures launch k of every cell, so that a cell's launches are a whole pass apart. Stops at a
/// shutdown request or when the disk is full: what is journaled by then is kept.
/// </summary>
internal sealed class CellPasses(IReadOnlyList<CellSpec> plan, int launchCount, RunOptions options, string outDirectory,
    TextWriter output, IRunProgress display, RunJournals journals)
{
    private readonly string _cellDirectory = Path.Combine(outDirectory, "cells");
    private int _step;

    /// <summary>Why the run stopped early for lack of space, or null.</summary>
    public string? OutOfSpace { get; private set; }

    private int Steps => plan.Count * launchCount;

    public void Run()
    {
        display.Start(Steps);
        for (var pass = 1; pass <= launchCount; pass++)
        {
            foreach (var spec in plan)
            {
                if (!Step(spec, pass))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Launch <paramref name="pass"/> of one cell, unless journaled already; false when the run must stop.</summary>
    private bool Step(CellSpec spec, int pass)
    {
        _step++;
        var label = launchCount > 1 ? $"{Label(spec)} (launch {pass}/{launchCount})" : Label(spec);
        var earlier = journals.LaunchesOf(spec.Key);
        if (journals.IsFinished(spec.Key) || earlier.Count >= pass)
        {
            display.CellFinished(_step, label, journals.IsFinished(spec.Key) ? "already in the journal, skipped" : "launch already journaled, skipped");
            return true;
        }

        if (options.Shutdown?.Requested == true)
        {
            return false;
        }

        display.CellStarting(_step, label);
        try
        {
            var launch = CellLaunches.RunLaunch(spec, pass, _cellDirectory, options.Verbose, options.Shutdown);
            if (options.Shutdown?.Requested == true)
            {
                output.WriteLine($"[{_step}/{Steps}] {label}: interrupted by {options.Shutdown.Signal}, not journaled");
                return false;
            }

            if (launch.Status != CellStatus.Ok && (OutputErrors.MentionsOutOfSpace(launch.Error) || OutputErrors.NearlyFull(outDirectory)))
            {
                // Not the cell's fault: it is measured again by --resume once there is space.
                OutOfSpace = $"{label} failed for lack of space ({launch.Error})";
            }
            else
            {
                Record(spec, pass, launch, earlier, label);
                return true;
            }
        }
        catch (IOException e) when (OutputErrors.IsOutOfSpace(e))
        {
            OutOfSpace = e.Message.Split('\n')[0];
        }

        output.WriteLine($"[{_step}/{Steps}] {label}: not journaled: {OutOfSpace}");
        return false;
    }

    /// <summary>Journals a launch that is not the cell's last, or the cell itself.</summary>
    private void Record(CellSpec spec, int pass, CellResult launch, List<CellResult> earlier, string label)
    {
        if (launch.Status == CellStatus.Ok && pass < launchCount)
        {
            journals.AppendLaunch(spec.Key, launch);
            display.CellFinished(_step, label, Summarize(launch));
            return;
        }

        // The last launch, or a failed one (which fails the cell: its later launches are not run).
        var cell = launch.Status == CellStatus.Ok ? CellLaunches.Merge([.. earlier, launch]) : launch;
        journals.AppendCell(cell);
        display.CellFinished(_step, label, Summarize(cell));
    }

    private static string Label(CellSpec spec) => $"{spec.Workload} {spec.Strategy} W={spec.Workers}";

    private static string Summarize(CellResult cell)
    {
        if (cell.Status != CellStatus.Ok)
        {
            return $"{cell.Status.ToUpperInvariant()}: {cell.Error}";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"median {Milliseconds(cell.MedianNs ?? 0)} over {cell.SamplesNs.Count} samples");
        if (cell.Derived is { IdealNs: { } ideal, OverheadPerItemNs: { } overhead })
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (ideal {Milliseconds(ideal)}, overhead {overhead / 1e3:F1} µs/item)");
        }

        if (cell.Derived?.EffectiveCores is { } cores)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {cores:F2} cores");
        }

        if (cell.Warnings.Count > 0)
        {
            text += $" [{string.Join("; ", cell.Warnings)}]";
        }

        return text;
    }

    private static string Milliseconds(double ns) => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms");
}
