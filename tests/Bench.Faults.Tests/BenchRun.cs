using System.Diagnostics;
using System.Runtime.InteropServices;
using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>
/// One `bench run` of the built harness, tagged with a unique environment variable that every descendant
/// inherits (cell processes, workers), so the process table can be searched for leftovers even after
/// orphans were re-parented. Stdout lines are kept with the time they arrived.
/// </summary>
internal sealed partial class BenchRun : IDisposable
{
    public const string TagVariable = "BENCH_TEST_TAG";

    private readonly Process _process;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];
    private readonly List<string> _errors = [];

    public BenchRun(string? fault, params string[] arguments)
    {
        Tag = Guid.NewGuid().ToString("N");
        OutDirectory = Path.Combine(Path.GetTempPath(), "bench-faults-" + Tag);
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--out");
        info.ArgumentList.Add(OutDirectory);
        info.Environment[TagVariable] = Tag;
        info.Environment.Remove("BENCH_FAULT");
        if (fault is not null)
        {
            info.Environment["BENCH_FAULT"] = fault;
        }

        Started = DateTimeOffset.UtcNow;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add((DateTimeOffset.UtcNow, e.Data));
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Tag { get; }

    public string OutDirectory { get; }

    public DateTimeOffset Started { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join("\n", _lines.Select(l => l.Line));
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join("\n", _errors);
            }
        }
    }

    /// <summary>When the first stdout line containing <paramref name="text"/> arrived, or null.</summary>
    public DateTimeOffset? LineTime(string text)
    {
        lock (_lines)
        {
            return _lines.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)).At is var at && at != default ? at : null;
        }
    }

    /// <summary>Waits for the run to end; fails the test if it takes longer than <paramref name="limit"/>.</summary>
    public int WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            Kill();
            Assert.Fail($"bench run did not end within {limit.TotalSeconds} s\nstdout:\n{Output}\nstderr:\n{Errors}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool WaitForLine(string text, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (LineTime(text) is not null)
            {
                return true;
            }

            if (_process.HasExited)
            {
                return LineTime(text) is not null;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    public RunResults Results() => ResultsFile.Read(Path.Combine(OutDirectory, "results.json"));

    public void Signal(int signal) => Assert.Equal(0, kill(_process.Id, signal));

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        ProcessTable.KillTagged(Tag);
        _process.Dispose();
        try
        {
            Directory.Delete(OutDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The `bench` apphost built by the solution: artifacts/bin/Bench.Cli/release/bench under the repository root.</summary>
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
            var path = Path.Combine(directory!.FullName, "artifacts", "bin", "Bench.Cli", "release", "bench");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution with -c Release first");
            return path;
        }
    }

    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
