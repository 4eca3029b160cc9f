using System.Diagnostics;

namespace Bench.Harness.Run;

/// <summary>
/// Which build runs a cell process, and with which extra environment variables (inherited by its
/// workers). <c>bench run</c> uses <see cref="Self"/>; <c>bench ab</c> gives each side its own: another
/// published Bench, or this one with <c>env:NAME=VALUE</c> settings.
/// </summary>
/// <param name="Executable">Another build's <c>bench</c> executable (or its bench.dll, run by dotnet); null: this harness.</param>
/// <param name="Environment">Variables set for the cell process, on top of this process's own.</param>
public sealed record CellHost(string? Executable, IReadOnlyDictionary<string, string> Environment)
{
    public static CellHost Self { get; } = new(null, new Dictionary<string, string>());

    /// <summary>A start info that runs this host's harness with <paramref name="arguments"/>.</summary>
    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        ProcessStartInfo info;
        if (Executable is null)
        {
            info = CellProcess.SelfStartInfo(arguments);
        }
        else
        {
            var dll = Executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
            info = new ProcessStartInfo(dll ? "dotnet" : Executable) { UseShellExecute = false };
            if (dll)
            {
                info.ArgumentList.Add(Executable);
            }

            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
