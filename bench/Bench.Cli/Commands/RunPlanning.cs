using Bench.Harness.Planning;
using Bench.Harness.Run;

namespace Bench.Cli.Commands;

/// <summary>
/// The plan of <c>bench run</c>: a fresh run builds it from the command line and records it in
/// OUT/plan.json; a resumed run continues the recorded plan, and refuses options that ask for another.
/// </summary>
internal static class RunPlanning
{
    /// <summary>The cells of a fresh run into <paramref name="directory"/>; bad input throws before anything is written.</summary>
    public static IReadOnlyList<CellSpec> Fresh(RunRequest request, string directory) => Build(request, RunRoot(directory));

    /// <summary>Records a fresh run's plan in its directory.</summary>
    public static void Record(RunRequest request, IReadOnlyList<CellSpec> cells, RunDirectory directory) =>
        RunPlanRecord.Of(request, cells).Write(directory.Path);

    /// <summary>The recorded plan of the run in <paramref name="directory"/>, after checking the options given now against it.</summary>
    public static (IReadOnlyList<CellSpec> Cells, RunRequest Request) Resume(
        RunRequest request, RunDirectory directory, IReadOnlySet<string> given, string resumeDirectory, TextWriter output)
    {
        var runRoot = RunRoot(directory.Path);
        if (RunPlanRecord.TryRead(directory.Path) is not { } record)
        {
            output.WriteLine($"bench run: warning: {resumeDirectory} has no {RunPlanRecord.FileName} (an older bench started it): " +
                             "its plan cannot be checked; the options given now are used");
            return (Build(request, runRoot), request);
        }

        var asked = RunPlanRecord.Of(request, []);
        var differences = record.Differences(asked, given);
        if (differences.Count > 0)
        {
            throw new BadInputException($"--resume {resumeDirectory}: {string.Join("; ", differences)}; give --resume {resumeDirectory} alone to continue it as planned");
        }

        var recorded = record.ToRequest();
        if (recorded.Assembly is { } assembly)
        {
            Bench.Workloads.WorkloadRegistry.AddAssembly(assembly);
        }

        var planned = Build(recorded, runRoot);
        if (!planned.Select(c => c.Key).SequenceEqual(record.Cells))
        {
            throw new BadInputException(
                $"--resume {resumeDirectory}: its {RunPlanRecord.FileName} no longer yields the same {record.Cells.Count} cells " +
                $"(this bench plans {planned.Count}; another version of bench started that run): start a fresh run");
        }

        return (planned, recorded);
    }

    private static string RunRoot(string directory) => Path.GetFullPath(directory);

    private static IReadOnlyList<CellSpec> Build(RunRequest request, string runRoot)
    {
        var cells = RunPlan.Build(request, runRoot, out var error);
        return error is null ? cells : throw new BadInputException(error);
    }
}
