using Bench.Harness.Execution;
using Bench.Harness.Execution.Strategies;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Sync.Tests;

/// <summary>Runs batches of one counter cell through the real strategy executors and returns each batch's validation.</summary>
internal static class CounterCell
{
    public static IReadOnlyList<Validation> Run(string strategyName, int workers, int batches, params (string Name, string Value)[] parameters)
    {
        var workload = WorkloadRegistry.Get("counter");
        var strategy = StrategyRegistry.Find(strategyName)!;
        var resolved = WorkloadRegistry.Resolve(workload, parameters.ToDictionary(p => p.Name, p => p.Value), quick: true, out var error);
        Assert.Null(error);
        var launcher = BatchProbe.LocateBuiltWorker(AppContext.BaseDirectory);
        using var session = workload.Open(resolved, new SessionShape(workers, strategy.Info.UsesProcesses));
        using var executor = strategy.Create(new CellContext(workload, session, workers, null, launcher));
        var validations = new List<Validation>();
        for (var b = 0; b < batches; b++)
        {
            var outcome = new BatchOutcome(session.ItemCount, trace: false);
            session.BeforeBatch();
            executor.ExecuteBatch(outcome);
            Assert.Null(outcome.FirstError);
            outcome.EnsureComplete();
            validations.Add(session.Validate(outcome.Results));
        }

        return validations;
    }
}
