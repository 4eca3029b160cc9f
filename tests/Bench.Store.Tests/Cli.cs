using System.Diagnostics;

namespace Bench.Store.Tests;

/// <summary>bench's command line in process: exit code, stdout and stderr.</summary>
internal static class Cli
{
    public static int ExitCode(out string output, out string error, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Bench.Cli.Cli.Run(args, stdout, stderr);
        output = stdout.ToString();
        error = stderr.ToString();
        return code;
    }

    /// <summary>The bench executable built beside the tests' solution (artifacts/bin/Bench.Cli/&lt;configuration&gt;/bench).</summary>
    public static string Executable
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
            var path = Path.Combine(directory!.FullName, "artifacts", "bin", "Bench.Cli", configuration, "bench");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
            return path;
        }
    }

    /// <summary>The built bench as a child process, stdin redirected (and left open), within <paramref name="limit"/>.</summary>
    public static async Task<(int Code, string Output, string Error)> Process(TimeSpan limit, params string[] arguments)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bench {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
