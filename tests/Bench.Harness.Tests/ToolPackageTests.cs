using System.Diagnostics;

namespace Bench.Harness.Tests;

/// <summary>
/// bench as a .NET tool, as a new user gets it: <c>dotnet pack</c>, <c>dotnet tool install</c> from the packed
/// folder (into a tool path under artifacts/, not --global), then commands run from a directory outside the
/// repository, where only the package's own files can be found.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_and_runs_outside_the_repository()
    {
        var repository = Repository();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}debug", StringComparison.Ordinal) ? "Debug" : "Release";
        var work = Path.Combine(repository, "artifacts", "tool-test", Guid.NewGuid().ToString("N"));
        var outside = Path.Combine(Path.GetTempPath(), "bench-tool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            var packages = Path.Combine(work, "packages");
            Run(repository, "dotnet", "pack", "bench/Bench.Cli/Bench.Cli.csproj", "-c", configuration, "--no-build", "-nologo", "-o", packages);
            Assert.Single(Directory.GetFiles(packages, "Bench.*.nupkg"));
            var toolPath = Path.Combine(work, "tool");
            // A NuGet cache of its own: the shared one keeps the first package of a version and would install it again.
            RunWithCache(outside, Path.Combine(work, "nuget"), "dotnet", "tool", "install", "Bench", "--tool-path", toolPath, "--add-source", packages);
            var bench = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "bench.exe" : "bench");

            Assert.Matches(@"^\d+\.\d+\.\d+", Run(outside, bench, "--version"));
            var list = Run(outside, bench, "run", "--list", "--profile", "quick", "--filter", "sieve/*");
            Assert.Contains("sieve/process-pool/w1/", list);
            // The process strategies need the worker: the one in the package, found beside bench.dll.
            var dry = Run(outside, bench, "run", "--dry", "--profile", "quick", "--filter", "sieve/*/w2");
            Assert.Contains("sieve processes W=2: valid", dry);
            Assert.Contains("sieve process-pool W=2: valid", dry);
            Assert.Contains("worker build jit", dry);
            Assert.Empty(Directory.GetFileSystemEntries(outside)); // --list and --dry write nothing
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Bench.sln above {AppContext.BaseDirectory}");
    }

    private static string Run(string directory, string command, params string[] arguments) => RunWithCache(directory, null, command, arguments);

    private static string RunWithCache(string directory, string? nugetCache, string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (nugetCache is not null)
        {
            info.Environment["NUGET_PACKAGES"] = nugetCache;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', arguments)} took more than 10 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}\n{stdout}");
        return stdout;
    }
}
