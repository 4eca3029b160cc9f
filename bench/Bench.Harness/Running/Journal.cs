using System.Text.Json;
using Bench.Results;

namespace Bench.Harness.Running;

/// <summary>
/// OUT/journal.jsonl: one finished cell per line, appended and flushed to the device as soon as the
/// cell ends, so that killing a run loses at most the cell in progress. <c>--resume</c> reads it back;
/// a line torn by a kill is skipped with a warning.
/// </summary>
public sealed class Journal(string path)
{
    public string Path { get; } = path;

    public void Append(CellResult cell)
    {
        var line = JsonSerializer.Serialize(cell, ResultsFile.LineOptions) + "\n";
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        // A kill may have torn the last line (no newline): start on a fresh line, or this entry is lost with it.
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                line = "\n" + line;
            }
        }

        stream.Seek(0, SeekOrigin.End);
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Finished cells by key (the last entry wins), and a warning per unreadable line.</summary>
    public (Dictionary<string, CellResult> Cells, List<string> Warnings) Load()
    {
        var cells = new Dictionary<string, CellResult>(StringComparer.Ordinal);
        var warnings = new List<string>();
        if (!File.Exists(Path))
        {
            return (cells, warnings);
        }

        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var cell = JsonSerializer.Deserialize<CellResult>(line, ResultsFile.LineOptions);
                if (cell is not null)
                {
                    cells[cell.Key] = cell;
                }
            }
            catch (JsonException)
            {
                warnings.Add($"journal line {number} is unreadable (torn by a kill?) and was skipped; that cell runs again");
            }
        }

        return (cells, warnings);
    }
}
