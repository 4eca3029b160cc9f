using System.Diagnostics;

namespace Bench.Sdk.Tests;

/// <summary>
/// A new user's path, offline but for the package registry: pack Bench.Sdk into a local feed, install the
/// template from this repository, `dotnet new bench-workload`, build, test, and run the result under bench.
/// </summary>
[Trait("Category", "Process")]
public sealed class TemplateTests
{
    [Fact]
    public void NewProjectFromTheTemplate_BuildsItsTestsPass_AndBenchRunsItValidatedUnderEveryStrategy()
    {
        using var scratch = new Repository.Scratch();
        var feed = Path.Combine(scratch.Path, "feed");
        var hive = Path.Combine(scratch.Path, "hive");
        var project = Path.Combine(scratch.Path, "Compressor");
        // A version of its own: NuGet caches a package by id and version, and the SDK built now may differ from one cached earlier.
        var version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        Dotnet("pack", Path.Combine(Repository.Root, "sdk", "Bench.Sdk", "Bench.Sdk.csproj"), "-c", "Release", "--no-build", "-o", feed, $"-p:Version={version}");
        Assert.True(File.Exists(Path.Combine(feed, $"Bench.Sdk.{version}.nupkg")));
        Dotnet("new", "install", Path.Combine(Repository.Root, "templates", "bench-workload"), "--debug:custom-hive", hive);
        Dotnet("new", "bench-workload", "-n", "Compressor", "-o", project, "--feed", feed, "--sdkVersion", version, "--debug:custom-hive", hive);
        Dotnet("test", Path.Combine(project, "Compressor.Tests"), "-c", "Release");

        var assembly = Path.Combine(project, "Compressor", "bin", "Release", "net10.0", "Compressor.dll");
        var list = Repository.RunBench("list", "--assembly", assembly);
        Assert.True(list.Exit == 0, list.Stderr);
        Assert.Contains("compressor ", list.Stdout);

        var output = Path.Combine(scratch.Path, "run");
        var run = Repository.RunBench("run", "--assembly", assembly, "--profile", "quick", "--workers", "1,2", "--out", output);
        Assert.True(run.Exit == 0, run.Stdout + run.Stderr);
        var results = Bench.Results.ResultsFile.Read(Path.Combine(output, "results.json"));
        Assert.Equal(8, results.Cells.Count); // threads, threadpool, processes, process-pool × W 1, 2 (no async form)
        Assert.All(results.Cells, c => Assert.True(c.Status == Bench.Results.CellStatus.Ok && c.Validation!.Ok, $"{c.Strategy} W={c.Workers}: {c.Status} {c.Error}"));
        Assert.True(File.Exists(Path.Combine(output, "report", "index.html")));
    }

    private static void Dotnet(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"dotnet {string.Join(' ', arguments)} ran for 10 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)}: exit {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
    }
}
