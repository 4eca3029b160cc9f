using System.Diagnostics;

namespace Bench.Harness.Ab;

/// <summary>
/// Makes a checkout side runnable: its own <c>run-bench.sh</c> publishes it into its own
/// <c>artifacts/run-bench</c> (a ReadyToRun harness, the NativeAOT worker where clang is found — as that
/// checkout publishes itself for its users, so each side is measured as it would ship), and the side then
/// runs that folder's bench. A checkout that does not build is bad input, said in one line, before any
/// cell is measured. Other sides pass through.
/// </summary>
public static class SideBuild
{
    public static AbSide Prepare(AbSide side, TextWriter output)
    {
        if (side.Kind != AbSideKind.Checkout)
        {
            return side;
        }

        var directory = side.Directory!;
        output.WriteLine($"bench ab: publishing side {side.Name} with {Path.Combine(side.Spec, "run-bench.sh")} (once; reused until its sources change)");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(directory, "run-bench.sh"));
        info.ArgumentList.Add("list");
        using var process = Process.Start(info) ?? throw new AbInputException($"{side.Name} {side.Spec}: cannot start bash to publish it");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errors = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var published = Path.Combine(directory, "artifacts", "run-bench");
        if (process.ExitCode != 0 || AbSide.PublishedExecutable(published) is not { } executable)
        {
            var why = errors.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? errors.LastOrDefault() ?? "no message";
            throw new AbInputException($"{side.Name} {side.Spec} does not build: its run-bench.sh exited {process.ExitCode}: {why}");
        }

        return side with { Kind = AbSideKind.Published, Host = side.Host with { Executable = executable } };
    }
}
