using System.Diagnostics;

namespace Bench.Faults.Tests;

/// <summary>One `bench` command run to its end (or killed at the limit), with what it printed.</summary>
internal static class BenchCli
{
    public sealed record Outcome(int Exit, string Stdout, string Stderr, bool TimedOut);

    public static Outcome Run(TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProcess(BenchRun.Executable, arguments, limit, environment);

    public static Outcome Run(params string[] arguments) => Run(TimeSpan.FromMinutes(5), null, arguments);

    public static Outcome RunProcess(string executable, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable)
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = !process.WaitForExit(limit);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return new Outcome(timedOut ? -1 : process.ExitCode, stdout.Result, stderr.Result, timedOut);
    }

    /// <summary>A scratch directory path under the temp directory (not created).</summary>
    public static string ScratchPath(string stem) => Path.Combine(Path.GetTempPath(), $"bench-{stem}-{Guid.NewGuid():N}");

    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A small tmpfs mounted for one test (root only, as CI runs), unmounted and removed after it.</summary>
internal sealed class SmallFileSystem : IDisposable
{
    public SmallFileSystem(string size, bool readOnly = false)
    {
        Path = BenchCli.ScratchPath("tmpfs");
        Directory.CreateDirectory(Path);
        var mount = BenchCli.RunProcess("mount", ["-t", "tmpfs", "-o", $"size={size},mode=0755{(readOnly ? ",ro" : "")}", "tmpfs", Path], TimeSpan.FromSeconds(30));
        Assert.True(mount.Exit == 0, $"cannot mount a {size} tmpfs at {Path} (these tests need root, as CI has): {mount.Stderr}");
    }

    public string Path { get; }

    /// <summary>Fills the file system: a file of zeros written until the device is full.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        // Whatever fits in less than a block is taken too.
        for (var size = block.Length / 2; size >= 1; size /= 2)
        {
            try
            {
                stream.Write(block, 0, size);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
            }
        }

        return filler;
    }

    public void Dispose()
    {
        BenchCli.RunProcess("umount", ["-l", Path], TimeSpan.FromSeconds(30));
        BenchCli.DeleteQuietly(Path);
    }
}
