using System.CommandLine;
using Bench.Harness.Cell;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Planning;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Cli.Commands;

/// <summary><c>bench list</c>: workloads with their parameters, strategies, profiles — one line each.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var assembly = AssemblyOption.Create();
        var command = new Command("list", "list workloads (with parameters), strategies and profiles") { assembly };
        command.SetAction(parse =>
        {
            if (AssemblyOption.Load(parse.GetValue(assembly)) is { } loaded)
            {
                output.WriteLine($"Workloads in {loaded.Path} (Bench.Sdk contract {loaded.Contract}):");
                Print(loaded.Workloads, output);
                output.WriteLine("Built-in workloads:");
                Print(WorkloadRegistry.Workloads.Except(loaded.Workloads), output);
            }
            else
            {
                output.WriteLine("Workloads:");
                Print(WorkloadRegistry.Workloads, output);
            }

            output.WriteLine("Strategies:");
            foreach (var strategy in StrategyRegistry.Strategies)
            {
                output.WriteLine($"  {strategy.Info.Name,-17} {strategy.Info.Description} [guide {strategy.Info.GuideSection}]");
            }

            output.WriteLine("Profiles:");
            foreach (var profile in Profile.All)
            {
                output.WriteLine($"  {profile.Name,-9} {profile.Description}");
            }

            return 0;
        });
        return command;
    }

    private static void Print(IEnumerable<IWorkload> workloads, TextWriter output)
    {
        foreach (var workload in workloads)
        {
            var info = workload.Info;
            output.WriteLine($"  {info.Name,-10} [{CellRunner.CategoryName(info.Category)}{(info.HasAsyncForm ? ", async form" : "")}] {info.Description}");
            foreach (var parameter in info.Parameters)
            {
                output.WriteLine($"      --param {info.Name}.{parameter.Describe()}");
            }
        }
    }
}
