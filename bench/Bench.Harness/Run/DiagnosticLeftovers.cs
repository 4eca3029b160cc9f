using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Harness.Run;

/// <summary>
/// The .NET runtime opens a diagnostic endpoint per process in the temp directory
/// (<c>dotnet-diagnostic-PID-…-socket</c>, <c>clr-debug-pipe-PID-in/out</c>) and removes it at a clean
/// exit only. Cell and worker processes run without it (<see cref="DiagnosticIpc"/>), but a killed
/// <c>bench run</c> (or any .NET process killed outright) leaves its files behind. A run removes those
/// whose process is gone: they are dead endpoints that nothing can connect to again.
/// </summary>
public static partial class DiagnosticLeftovers
{
    [GeneratedRegex(@"^(?:dotnet-diagnostic-(?<pid>\d+)-\d+-socket|clr-debug-pipe-(?<pid>\d+)-(?:in|out))$")]
    private static partial Regex EndpointName();

    /// <summary>Deletes the endpoints of dead processes in <paramref name="directory"/> (default: the temp directory); returns what it removed. Linux only.</summary>
    public static IReadOnlyList<string> Sweep(string? directory = null)
    {
        var removed = new List<string>();
        directory ??= Path.GetTempPath();
        if (!OperatingSystem.IsLinux() || !Directory.Exists(directory))
        {
            return removed;
        }

        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, "*-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        foreach (var path in candidates)
        {
            var match = EndpointName().Match(Path.GetFileName(path));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                Directory.Exists($"/proc/{pid}"))
            {
                continue; // not an endpoint, or its process (or one that reused the pid) is alive: leave it
            }

            try
            {
                File.Delete(path);
                removed.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's, or removed meanwhile.
            }
        }

        return removed;
    }
}
