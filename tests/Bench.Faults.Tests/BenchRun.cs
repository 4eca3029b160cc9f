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
    private readonly List<(DateTimeOffset At, string Line)> _errors = [];
    private readonly bool _ownsDirectory; // a directory the test named stays for the test to inspect

    public BenchRun(string? fault, params string[] arguments)
        : this(fault, interruptIgnored: false, arguments)
    {
    }

    /// <param name="interruptIgnored">Start bench with SIGINT ignored, as a background job of a non-interactive
    /// shell does (<c>bash -c 'bench … &amp; wait'</c>): through <c>sh -c "trap '' INT; exec bench …"</c>, whose exec keeps the pid.</param>
    public BenchRun(string? fault, bool interruptIgnored, params string[] arguments)
        : this(null, null, fault, interruptIgnored, arguments)
    {
    }

    /// <summary>A run into <paramref name="outDirectory"/>, with more environment variables if given.</summary>
    public static BenchRun Into(string outDirectory, string? fault, params string[] arguments) => new(outDirectory, null, fault, false, arguments);

    /// <inheritdoc cref="Into(string, string?, string[])"/>
    public static BenchRun Into(string outDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(outDirectory, environment, null, false, arguments);

    private BenchRun(string? outDirectory, IReadOnlyDictionary<string, string>? environment, string? fault, bool interruptIgnored, string[] arguments)
    {
        Tag = Guid.NewGuid().ToString("N");
        _ownsDirectory = outDirectory is null;
        OutDirectory = outDirectory ?? Path.Combine(Path.GetTempPath(), "bench-faults-" + Tag);
        var info = new ProcessStartInfo(interruptIgnored ? "/bin/sh" : Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (interruptIgnored)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("trap '' INT; exec \"$0\" \"$@\"");
            info.ArgumentList.Add(Executable);
        }

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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
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
                    _errors.Add((DateTimeOffset.UtcNow, e.Data));
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
                return string.Join("\n", _errors.Select(l => l.Line));
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

    /// <summary>When the first stderr line containing <paramref name="text"/> arrived, or null.</summary>
    public DateTimeOffset? ErrorLineTime(string text)
    {
        lock (_errors)
        {
            return _errors.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)).At is var at && at != default ? at : null;
        }
    }

    /// <summary>When the process exited (null while it runs).</summary>
    public DateTimeOffset? ExitTime => _process.HasExited ? _process.ExitTime.ToUniversalTime() : null;

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
            if (_ownsDirectory)
            {
                Directory.Delete(OutDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// The `bench` apphost built by the solution: artifacts/bin/Bench.Cli/release/bench under the repository root,
    /// or BENCH_TEST_EXECUTABLE (to run these tests against another build, e.g. to see them fail on an older one).
    /// </summary>
    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("BENCH_TEST_EXECUTABLE") is { Length: > 0 } other)
            {
                return other;
            }

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
