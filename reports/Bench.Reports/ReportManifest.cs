using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// DIR/.bench-report: the files the last report wrote into DIR, one name a line. A new report into the
/// same folder removes what the last one listed (charts of cells that no longer exist would otherwise
/// linger) and nothing else: a user's own files there, whatever their names, are never touched.
/// </summary>
internal sealed class ReportManifest(string directory)
{
    public const string FileName = ".bench-report";

    private string PathName => Path.Combine(directory, FileName);

    public void RemoveEarlier()
    {
        if (!File.Exists(PathName))
        {
            return;
        }

        string text;
        try
        {
            text = SafeInput.ReadText(PathName, "report manifest", 1024 * 1024);
        }
        catch (ResultsFileException)
        {
            return; // unreadable: delete nothing
        }

        foreach (var name in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A bare file name only: a line with a path in it was not written by a report.
            if (name != Path.GetFileName(name) || name is "." or ".." || name == FileName)
            {
                continue;
            }

            File.Delete(Path.Combine(directory, name));
        }
    }

    public void Record(IEnumerable<string> paths) =>
        AtomicFile.WriteAllText(PathName, string.Join("\n", paths.Select(Path.GetFileName)) + "\n");
}
