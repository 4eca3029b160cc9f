using System.Diagnostics;
using Bench.Harness.Os;
using Bench.Protocol;

namespace Bench.Harness.Execution.Workers;

/// <summary>
/// Knows where the worker executable is and how it was built, and starts worker processes.
/// Lookup order: BENCH_WORKER (an explicit path), the NativeAOT build that run-bench publishes to
/// <c>aot/</c> beside the harness (artifacts/run-bench/aot), then the JIT build beside the harness: its
/// executable, or (a dotnet tool install) its dll run by the dotnet host.
/// </summary>
public sealed class WorkerLauncher(string executablePath, string build)
{
    public const string NativeAot = "nativeaot";
    public const string Jit = "jit";

    public string ExecutablePath { get; } = executablePath;

    /// <summary><see cref="NativeAot"/> or <see cref="Jit"/>, recorded in results.json.</summary>
    public string Build { get; } = build;

    private IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The same launcher, whose workers also get <paramref name="name"/>=<paramref name="value"/> in their environment.</summary>
    public WorkerLauncher WithEnvironment(string name, string value) => new(ExecutablePath, Build)
    {
        Prefix = Prefix,
        ExtraEnvironment = new Dictionary<string, string>(ExtraEnvironment) { [name] = value },
    };

    /// <summary>
    /// The launcher for cells of a user's assembly: the JIT worker, told to load the assembly before it serves
    /// (a NativeAOT worker cannot load code at run time). Keeps this launcher's extra environment.
    /// </summary>
    public WorkerLauncher ForAssembly(string assemblyPath)
    {
        var jit = Build == Jit ? ExecutablePath : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "bench-worker.exe" : "bench-worker");
        return new WorkerLauncher(jit, Jit)
        {
            ExtraEnvironment = new Dictionary<string, string>(ExtraEnvironment) { [WorkerEnvironment.AssemblyVariable] = Path.GetFullPath(assemblyPath) },
        };
    }

    /// <summary>How workers of a user's assembly run, for environment.json.</summary>
    public const string AssemblyWorker = "jit worker loading the assembly";

    public static WorkerLauncher Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("BENCH_WORKER");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            if (!File.Exists(explicitPath))
            {
                throw new FileNotFoundException($"BENCH_WORKER points to {explicitPath}, which does not exist");
            }

            return new WorkerLauncher(explicitPath, File.Exists(Path.ChangeExtension(explicitPath, ".dll")) ? Jit : NativeAot);
        }

        var baseDirectory = AppContext.BaseDirectory;
        if (CurrentAot(Path.Combine(baseDirectory, "aot", "bench-worker"), Path.Combine(baseDirectory, "bench-worker.dll")) is { } aot)
        {
            return aot;
        }

        var jit = Path.Combine(baseDirectory, OperatingSystem.IsWindows() ? "bench-worker.exe" : "bench-worker");
        if (File.Exists(jit) && IsExecutable(jit))
        {
            return new WorkerLauncher(jit, Jit);
        }

        // Installed as a dotnet tool: the package carries bench-worker.dll, and its apphost may be missing or
        // have lost its executable bit on extraction; the dotnet host that runs bench runs the worker too.
        var dll = Path.Combine(baseDirectory, "bench-worker.dll");
        if (File.Exists(dll) && DotnetHost() is { } dotnet)
        {
            return new WorkerLauncher(dotnet, Jit) { Prefix = [dll] };
        }

        throw new FileNotFoundException($"no bench-worker next to the harness in {baseDirectory}; build the solution first");
    }

    /// <summary>Arguments before the worker's own (<c>dotnet bench-worker.dll</c>); empty for an executable worker.</summary>
    public IReadOnlyList<string> Prefix { get; private init; } = [];

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>The dotnet host (muxer) of the runtime running bench: the process itself, or dotnet three levels above the runtime's folder.</summary>
    private static string? DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && Path.GetFileName(process) == name)
        {
            return process;
        }

        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(); // …/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var host = Path.Combine(root, name);
        return File.Exists(host) ? host : null;
    }

    private ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(ExecutablePath) { UseShellExecute = false };
        foreach (var argument in Prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>
    /// Asks the worker (<c>bench-worker --describe</c>) for the widest vector its code accelerates; null
    /// when it does not answer within 10 s or answers something else.
    /// </summary>
    public int? DescribeVectorBits()
    {
        try
        {
            var info = StartInfo("--describe");
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            DiagnosticIpc.Configure(info, enabled: false); // a probe killed at its timeout leaves no endpoint files
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var line = process.StandardOutput.ReadLine();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return null;
            }

            const string prefix = "vector-bits=";
            return line is not null && line.StartsWith(prefix, StringComparison.Ordinal)
                   && int.TryParse(line.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits)
                ? bits
                : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The published NativeAOT worker, or null when it is missing or stale. One published before the last
    /// build of the JIT worker beside it would run old code: fall back to the JIT worker rather than
    /// measure something else. (run-bench publishes both into its own folder, together, whenever a source
    /// changes; a harness built by `dotnet build` has no aot/ folder unless one is copied there.)
    /// </summary>
    internal static WorkerLauncher? CurrentAot(string aotExecutable, string jitAssembly) =>
        File.Exists(aotExecutable) && !IsStale(aotExecutable, jitAssembly) ? new WorkerLauncher(aotExecutable, NativeAot) : null;

    private static bool IsStale(string aot, string jitAssembly) =>
        File.Exists(jitAssembly) && File.GetLastWriteTimeUtc(aot) < File.GetLastWriteTimeUtc(jitAssembly);

    /// <summary>Starts a worker. The timestamp taken just before the spawn is kept for the trace.</summary>
    public WorkerProcess Start()
    {
        var info = StartInfo();
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // Keep workers lean and alike: no tiered-compilation surprises between JIT workers.
        info.Environment["DOTNET_TieredPGO"] = "0";
        Lifeline.Hold(info);
        foreach (var (name, value) in ExtraEnvironment)
        {
            info.Environment[name] = value;
        }

        var spawn = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        return new WorkerProcess(process, spawn);
    }
}
