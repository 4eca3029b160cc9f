using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Bench.Harness.Cell;
using Bench.Harness.Os;
using Bench.Harness.Planning;
using Bench.Protocol;
using Bench.Results;

namespace Bench.Harness.Run;

/// <summary>
/// Runs one cell in a fresh child process (<c>bench cell</c>), as JMH forks and BenchmarkDotNet launches
/// do. That is how cells are isolated: a thread-strategy cell never inherits ThreadPool threads,
/// hill-climbing state, JIT tiers or GC heap from the cell before it. The child reads its spec from a
/// file and writes its result to another; it holds a <see cref="Lifeline"/> to the run — when the run
/// dies, the child exits, and its workers follow it.
/// </summary>
public static class CellProcess
{
    /// <param name="host">The build that runs the cell and its extra environment; null: this harness as it is.</param>
    public static CellResult Run(CellSpec spec, string cellDirectory, bool verbose, ShutdownCoordinator? shutdown = null, CellHost? host = null)
    {
        Directory.CreateDirectory(cellDirectory);
        var specPath = Path.Combine(cellDirectory, spec.FileId + ".spec.json");
        var resultPath = Path.Combine(cellDirectory, spec.FileId + ".result.json");
        File.Delete(resultPath);
        AtomicFile.WriteAllText(specPath, CellSpecJson.Serialize(spec with { Verbose = verbose }));

        var info = (host ?? CellHost.Self).StartInfo(CellMain.Verb, CellMain.SpecOption, specPath, CellMain.ResultOption, resultPath);
        DiagnosticIpc.Configure(info, spec.DiagnosticIpc);
        Lifeline.Hold(info);
        info.RedirectStandardInput = true; // never the terminal's: the cell reads nothing
        info.RedirectStandardOutput = !verbose;
        info.RedirectStandardError = true;
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start a cell process");
        var stderr = ReadOutput(child, verbose);

        shutdown?.Track(child);
        var completed = CellProcessWait.WaitForExit(child, resultPath, shutdown?.Token ?? CancellationToken.None);
        shutdown?.Track(null);
        // A cell killed outright (its tree, by a shutdown or after lingering) could not remove its shared
        // image or counter file: they go now, not at the next run.
        Bench.Workloads.Fixtures.LeftoverFixtures.Sweep();
        if (!completed)
        {
            return Interrupted(spec, shutdown!);
        }

        return ReadResult(resultPath) ?? FailedWithoutMeasurement(spec, WhyNoResult(child.ExitCode, stderr));
    }

    /// <summary>Starts reading the child's stderr (kept for the failure message) and drains its stdout.</summary>
    private static List<string> ReadOutput(Process child, bool verbose)
    {
        var stderr = new List<string>();
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Add(e.Data);
                if (verbose)
                {
                    Console.Error.WriteLine(e.Data);
                }
            }
        };
        child.BeginErrorReadLine();
        if (!verbose)
        {
            child.OutputDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
        }

        return stderr;
    }

    private static CellResult? ReadResult(string resultPath)
    {
        if (!File.Exists(resultPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CellResult>(SafeInput.ReadText(resultPath, "cell result"), ResultsFile.ReadOptions);
        }
        catch (Exception e) when (e is JsonException or ResultsFileException)
        {
            return null; // said as a cell that ended without a result
        }
    }

    private static string WhyNoResult(int code, List<string> stderr)
    {
        string tail;
        lock (stderr)
        {
            tail = string.Join(" | ", stderr.TakeLast(3));
        }

        return $"cell process {(code > 128 ? $"killed by signal {code - 128}" : $"exited with code {code}")} without a result" +
            (tail.Length > 0 ? $": {tail}" : "");
    }

    private static CellResult FailedWithoutMeasurement(CellSpec spec, string error) => new()
    {
        Workload = spec.Workload,
        Strategy = spec.Strategy,
        Workers = spec.Workers,
        Items = 0,
        Parameters = spec.Parameters,
        Status = CellStatus.Failed,
        Error = error,
    };

    /// <summary>The cell cut short by a shutdown: never journaled (a resumed run measures it again).</summary>
    private static CellResult Interrupted(CellSpec spec, ShutdownCoordinator shutdown) =>
        FailedWithoutMeasurement(spec, $"interrupted by {shutdown.Signal}");

    /// <summary>A start info that runs this same harness with other arguments (apphost or dotnet bench.dll).</summary>
    public static ProcessStartInfo SelfStartInfo(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs the harness");
        var entry = Assembly.GetEntryAssembly()?.Location;
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet" && entry is not null)
        {
            info.ArgumentList.Add(entry);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
