using System.CommandLine;
using Bench.Harness.Cell;
using Bench.Harness.Execution.Strategies;
using Bench.Harness.Planning;
using Bench.Workloads;

namespace Bench.Cli.Commands;

/// <summary><c>bench list</c>: workloads with their parameters, strategies, profiles — one line each.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("list", "list workloads (with parameters), strategies and profiles");
        command.SetAction(_ =>
        {
            output.WriteLine("Workloads:");
            foreach (var workload in WorkloadRegistry.Workloads)
            {
                var info = workload.Info;
                output.WriteLine($"  {info.Name,-10} [{CellRunner.CategoryName(info.Category)}{(info.HasAsyncForm ? ", async form" : "")}] {info.Description}");
                foreach (var parameter in info.Parameters)
                {
                    output.WriteLine($"      --param {info.Name}.{parameter.Describe()}");
                }
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
}
