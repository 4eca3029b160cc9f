namespace Bench.Sdk.Tests;

/// <summary>
/// Every way a user's assembly can be unusable is bad input: one line on stderr naming it, exit 2, for
/// `bench list` and for `bench run` (which then writes nothing).
/// </summary>
[Trait("Category", "Process")]
public sealed class BadAssemblyTests
{
    private static void AssertRefused(string assembly, string expectedFragment)
    {
        foreach (var command in new[] { new[] { "list", "--assembly", assembly }, ["run", "--assembly", assembly, "--profile", "quick", "--dry"] })
        {
            var outcome = Repository.RunBench(command);
            Assert.True(outcome.Exit == 2, $"bench {command[0]}: exit {outcome.Exit}, stderr: {outcome.Stderr}");
            var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("bench: --assembly ", line);
            Assert.Contains(expectedFragment, line);
        }
    }

    [Fact]
    public void MissingPath()
    {
        using var scratch = new Repository.Scratch();
        AssertRefused(Path.Combine(scratch.Path, "Nope.dll"), "does not exist");
    }

    [Fact]
    public void NotADotNetAssembly()
    {
        using var scratch = new Repository.Scratch();
        var text = Path.Combine(scratch.Path, "Text.dll");
        File.WriteAllText(text, "not a portable executable");
        AssertRefused(text, "is not a .NET assembly");
    }

    [Fact]
    public void NoWorkloads()
    {
        using var scratch = new Repository.Scratch();
        AssertRefused(WorkloadCompiler.Compile(scratch.Path, "Empty", "public sealed class NotAWorkload { public ParameterSet P = ParameterSet.Empty; }"), "has no workloads");
    }

    [Fact]
    public void IncompatibleSdkVersion()
    {
        using var scratch = new Repository.Scratch();
        var foreign = WorkloadCompiler.CompileForeignSdk(Path.Combine(scratch.Path, "sdk"), $"{WorkloadCompiler.ContractMajor + 1}.0.0.0");
        var assembly = WorkloadCompiler.Compile(scratch.Path, "Future", "public sealed class Future { public IWorkload? W; }", foreign);
        AssertRefused(assembly, $"(contract {WorkloadCompiler.ContractMajor + 1}); this bench speaks contract {WorkloadCompiler.ContractMajor}");
    }

    [Fact]
    public void DescriptionThrows()
    {
        using var scratch = new Repository.Scratch();
        var source = Sources.ItemWorkload("throwing-description", description: "Fail<string>(new InvalidOperationException(\"no description today\"))");
        AssertRefused(WorkloadCompiler.Compile(scratch.Path, "BadDescription", source), "threw InvalidOperationException: no description today");
    }

    [Fact]
    public void ParametersThrow()
    {
        using var scratch = new Repository.Scratch();
        var source = Sources.ItemWorkload("throwing-parameters", parameters: "Fail<System.Collections.Generic.IReadOnlyList<ParameterSpec>>(new ArgumentException(\"parameters unavailable\"))");
        AssertRefused(WorkloadCompiler.Compile(scratch.Path, "BadParameters", source), "threw ArgumentException: parameters unavailable");
    }

    [Fact]
    public void NameOfABuiltInWorkload()
    {
        using var scratch = new Repository.Scratch();
        AssertRefused(WorkloadCompiler.Compile(scratch.Path, "Shadow", Sources.ItemWorkload("sieve")), "is named 'sieve', as a built-in workload is");
    }
}
