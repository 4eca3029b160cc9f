using System.Diagnostics;
using System.Globalization;
using Bench.Harness.Cell;
using Bench.Harness.Execution.Faults;
using Bench.Harness.Execution.Workers;
using Bench.Harness.Planning;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// <c>bench run --dry</c>: a smoke test of the plan in seconds. Each cell runs the cell runner's own
/// validation step once (one batch under its strategy, checked against the single-threaded reference)
/// and nothing is timed or written. The cells run in this process, one after another: a cell process
/// each would cost its start-up (most of a quick cell) for one batch.
/// </summary>
public static class DryRun
{
    public static int Execute(IReadOnlyList<CellSpec> plan, TextWriter output)
    {
        var launcher = WorkerLauncher.Locate();
        output.WriteLine($"bench run --dry: {plan.Count} cells, each validated once, nothing timed; worker build {launcher.Build}");
        var clock = Stopwatch.StartNew();
        var bad = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var spec = plan[i] with { ValidateOnly = true };
            var label = $"[{i + 1}/{plan.Count}] {spec.Workload} {spec.Strategy} W={spec.Workers}";
            var policy = new FaultPolicy(spec.ItemTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, spec.Retries);
            // A hung in-process item cannot be stopped: the dry run ends there, naming it (a run would fail the cell).
            using var faults = new CellFaults(policy, abandon: message =>
            {
                output.WriteLine($"{label}: FAILED: {message}; the dry run stops here");
                output.Flush();
                Environment.Exit(1);
            });
            var started = Stopwatch.GetTimestamp();
            var cell = CellRunner.Run(spec, launcher, faults);
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (cell.Status == CellStatus.Ok)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: valid ({cell.Items} items, {took:F0} ms)"));
            }
            else
            {
                bad++;
                output.WriteLine($"{label}: {cell.Status.ToUpperInvariant()}: {cell.Error}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench run --dry: {plan.Count - bad} valid, {bad} failed or invalid, in {clock.Elapsed.TotalSeconds:F1} s; nothing measured"));
        return bad == 0 ? RunOrchestrator.ExitOk : RunOrchestrator.ExitCellsFailed;
    }
}
