using System.Text.RegularExpressions;
using Bench.Harness.Run;
using Bench.Workloads;

namespace Bench.Harness.Ab;

/// <summary>What a <c>bench ab</c> side is.</summary>
public enum AbSideKind
{
    /// <summary><c>.</c>: this build as it is.</summary>
    ThisBuild,

    /// <summary><c>env:NAME=VALUE,…</c>: this build with variables set for the cell processes and their workers.</summary>
    Environment,

    /// <summary>A published Bench folder (bench or bench.dll in it), used as it is.</summary>
    Published,

    /// <summary>A Bench checkout, published with its own run-bench.sh first.</summary>
    Checkout,
}

/// <summary>
/// One side of <c>bench ab</c>, as given on the command line: <c>.</c>, <c>env:NAME=VALUE[,NAME=VALUE…]</c>,
/// or a directory holding a Bench checkout or a published Bench. A value may hold commas
/// (<c>env:BENCH_INJECT_SLOWDOWN=sleep:5%,sieve:5%</c>): a piece without <c>NAME=</c> continues the value before it.
/// </summary>
public sealed partial record AbSide(string Name, string Spec, AbSideKind Kind, CellHost Host, string? Directory = null)
{
    public const string EnvironmentPrefix = "env:";

    /// <summary>How the side shows in reports: "A (.)", "B (env:DOTNET_gcServer=1)".</summary>
    public string Label => $"{Name} ({Spec})";

    /// <summary>BENCH_INJECT_SLOWDOWN as the side's cells see it ("none" unset), for its environment record.</summary>
    public string? InjectedSlowdown =>
        Host.Environment.TryGetValue(Bench.Workloads.Testing.InjectedSlowdown.VariableName, out var value) ? (value.Length > 0 ? value : null)
            : System.Environment.GetEnvironmentVariable(Bench.Workloads.Testing.InjectedSlowdown.VariableName) is { Length: > 0 } inherited ? inherited : null;

    /// <summary>The side <paramref name="spec"/> names; bad input throws <see cref="AbInputException"/> naming the problem.</summary>
    /// <param name="name">"A" or "B".</param>
    public static AbSide Parse(string name, string spec)
    {
        if (spec == ".")
        {
            return new AbSide(name, spec, AbSideKind.ThisBuild, CellHost.Self);
        }

        if (spec.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            return new AbSide(name, spec, AbSideKind.Environment, new CellHost(null, ParseEnvironment(name, spec)));
        }

        if (System.IO.Directory.Exists(spec))
        {
            var directory = Path.GetFullPath(spec);
            if (PublishedExecutable(directory) is { } executable)
            {
                return new AbSide(name, spec, AbSideKind.Published, new CellHost(executable, new Dictionary<string, string>()), directory);
            }

            if (File.Exists(Path.Combine(directory, "run-bench.sh")))
            {
                // Published later (SideBuild): its executable is not known until then.
                return new AbSide(name, spec, AbSideKind.Checkout, CellHost.Self, directory);
            }

            throw new AbInputException($"{name} {spec} is a directory without Bench: neither a checkout (run-bench.sh) nor a published Bench (bench or bench.dll)");
        }

        throw new AbInputException(
            $"{name} '{spec}' is neither '.', an {EnvironmentPrefix}NAME=VALUE[,NAME=VALUE…] spec, nor a directory with a Bench checkout or a published Bench");
    }

    /// <summary>The bench executable of a published folder (the apphost, else bench.dll), or null.</summary>
    public static string? PublishedExecutable(string directory)
    {
        var apphost = Path.Combine(directory, "bench");
        if (File.Exists(apphost) && File.Exists(Path.Combine(directory, "bench.dll")))
        {
            return apphost;
        }

        var dll = Path.Combine(directory, "bench.dll");
        return File.Exists(dll) ? dll : null;
    }

    private static Dictionary<string, string> ParseEnvironment(string name, string spec)
    {
        var body = spec[EnvironmentPrefix.Length..];
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var piece in body.Split(','))
        {
            var match = Assignment().Match(piece);
            if (match.Success)
            {
                last = match.Groups[1].Value;
                if (!variables.TryAdd(last, match.Groups[2].Value))
                {
                    throw new AbInputException($"{name} '{spec}' sets {last} twice");
                }
            }
            else if (last is not null && piece.Length > 0)
            {
                variables[last] += "," + piece;
            }
            else
            {
                throw new AbInputException($"{name} '{spec}': '{piece}' is not NAME=VALUE; write {EnvironmentPrefix}NAME=VALUE[,NAME=VALUE…]");
            }
        }

        if (variables.TryGetValue(Bench.Workloads.Testing.InjectedSlowdown.VariableName, out var slowdown))
        {
            CheckSlowdown(name, slowdown);
        }

        return variables;
    }

    /// <summary>A malformed slowdown, or one naming no workload, would silently inject nothing: refused up front.</summary>
    private static void CheckSlowdown(string name, string value)
    {
        try
        {
            Bench.Workloads.Testing.InjectedSlowdown.FractionFor("", value);
        }
        catch (FormatException e)
        {
            throw new AbInputException($"{name}: {e.Message}");
        }

        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var workload = entry[..entry.LastIndexOf(':')];
            if (WorkloadRegistry.Find(workload) is null)
            {
                throw new AbInputException($"{name}: {Bench.Workloads.Testing.InjectedSlowdown.VariableName} names '{workload}', which is no workload; valid: {WorkloadRegistry.Names}");
            }
        }
    }

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")]
    private static partial Regex Assignment();
}

/// <summary>A bench ab side or plan the user can fix: one line, exit code 2.</summary>
public sealed class AbInputException(string message) : Exception(message);
