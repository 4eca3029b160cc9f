using System.Diagnostics;

namespace Bench.Sdk.Tests;

/// <summary>Paths in the built repository, and `bench` run as a process to its end.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Bench => Built("Bench.Cli", "bench");

    /// <summary>A project's build output (Release), which must exist: the solution is built before the tests.</summary>
    public static string Built(string project, string file)
    {
        var path = Path.Combine(Root, "artifacts", "bin", project, "release", file);
        Assert.True(File.Exists(path), $"{path} is missing: build the solution with -c Release first");
        return path;
    }

    public sealed record Outcome(int Exit, string Stdout, string Stderr);

    public static Outcome RunBench(params string[] arguments)
    {
        var info = new ProcessStartInfo(Bench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("BENCH_FAULT");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bench {string.Join(' ', arguments)} ran for 10 minutes");
        }

        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A fresh directory for one test's files, removed by <see cref="Scratch.Dispose"/>.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("bench-sdk-test-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Bench.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory!.FullName;
    }
}
