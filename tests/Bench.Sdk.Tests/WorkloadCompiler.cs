using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bench.Sdk.Tests;

/// <summary>Compiles a workload source into an assembly on disk, against Bench.Sdk (or another assembly named so), as a user's build would.</summary>
internal static class WorkloadCompiler
{
    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Workloads.Authoring;
        using Bench.Workloads.Contract;

        """;

    /// <summary>Bench.Sdk.dll as the tests reference it (the one bench loads too).</summary>
    public static string SdkPath => typeof(Bench.Workloads.Contract.IWorkload).Assembly.Location;

    public static string Compile(string directory, string assemblyName, string source, string? sdkPath = null)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText((sdkPath is null ? Usings : "using Bench.Workloads.Contract;\n") + source)],
            [.. platform, MetadataReference.CreateFromFile(sdkPath ?? SdkPath)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(directory, assemblyName + ".dll");
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return path;
    }

    /// <summary>An assembly named Bench.Sdk with another version and the contract's interface: what an old or future SDK looks like to bench.</summary>
    public static string CompileForeignSdk(string directory, string version)
    {
        Directory.CreateDirectory(directory);
        var source = $$"""
            [assembly: System.Reflection.AssemblyVersion("{{version}}")]
            namespace Bench.Workloads.Contract { public interface IWorkload { } }
            """;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Bench.Sdk", [CSharpSyntaxTree.ParseText(source)], platform,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = Path.Combine(directory, "Bench.Sdk.dll");
        Assert.True(compilation.Emit(path).Success);
        return path;
    }

    /// <summary>The contract version bench speaks, from Bench.Sdk's assembly version.</summary>
    public static int ContractMajor => typeof(Bench.Workloads.Contract.IWorkload).Assembly.GetName().Version!.Major;

    internal static AssemblyName SdkName => typeof(Bench.Workloads.Contract.IWorkload).Assembly.GetName();
}
