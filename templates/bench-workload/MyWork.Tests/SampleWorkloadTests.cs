using Bench.Workloads.Contract;
using Xunit;

namespace MyWork.Tests;

/// <summary>What Bench will check, checked first where it is cheap: the items are deterministic, so a batch
/// run in any order (as threads and processes run it) validates against the single-threaded reference.</summary>
public sealed class SampleWorkloadTests
{
    [Fact]
    public void ItemsInAnyOrder_ValidateAgainstTheReference()
    {
        var workload = new SampleWorkload();
        var parameters = ParameterSet.From(workload.Info.Parameters.Select(p => KeyValuePair.Create(p.Name, p.DefaultFor(quick: true))));
        using var session = workload.Open(parameters, new SessionShape(Workers: 2, ProcessStrategy: false));
        using var runner = workload.CreateRunner(session.RunnerParameters);

        var results = new long[session.ItemCount];
        Parallel.For(0, session.ItemCount, i => results[session.ItemCount - 1 - i] = runner.Run(session.ItemCount - 1 - i));

        var validation = session.Validate(results);
        Assert.True(validation.Ok, validation.Note);
    }

    [Fact]
    public void AWrongItem_IsCaught()
    {
        var workload = new SampleWorkload();
        var parameters = ParameterSet.From(workload.Info.Parameters.Select(p => KeyValuePair.Create(p.Name, p.DefaultFor(quick: true))));
        using var session = workload.Open(parameters, new SessionShape(Workers: 1, ProcessStrategy: false));
        using var runner = workload.CreateRunner(session.RunnerParameters);
        var results = Enumerable.Range(0, session.ItemCount).Select(runner.Run).ToArray();

        results[0]++;

        Assert.False(session.Validate(results).Ok);
    }
}
