using System.Text.Json;
using Bench.Results;

namespace Bench.Harness.Run;

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

        var length = stream.Seek(0, SeekOrigin.End);
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        try
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // A full disk: take the partial line back, so the journal keeps exactly the cells that were finished.
            try
            {
                stream.SetLength(length);
            }
            catch (IOException)
            {
                // The torn line is skipped with a warning by Load.
            }

            throw;
        }
    }

    /// <summary>Finished cells by key (the last entry wins), and a warning per unreadable line.</summary>
    public (Dictionary<string, CellResult> Cells, List<string> Warnings) Load()
    {
        var (entries, warnings) = LoadAll();
        var cells = new Dictionary<string, CellResult>(StringComparer.Ordinal);
        foreach (var cell in entries)
        {
            cells[cell.Key] = cell;
        }

        return (cells, warnings);
    }

    /// <summary>Every readable entry in the order it was appended, and a warning per unreadable line.</summary>
    public (List<CellResult> Entries, List<string> Warnings) LoadAll()
    {
        var entries = new List<CellResult>();
        var warnings = new List<string>();
        if (!File.Exists(Path))
        {
            return (entries, warnings);
        }

        var number = 0;
        // Lossy: a line torn inside a multi-byte character must cost that line, not the journal.
        var text = System.Text.Encoding.UTF8.GetString(SafeInput.ReadBytes(Path, "journal"));
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var cell = JsonSerializer.Deserialize<CellResult>(line, ResultsFile.LineReadOptions);
                entries.Add(ResultsValidation.CheckCell(cell, $"line {number}", System.IO.Path.GetFileName(Path)));
            }
            catch (Exception e) when (e is JsonException or ResultsFileException)
            {
                warnings.Add($"{System.IO.Path.GetFileName(Path)} line {number} is unreadable (torn by a kill?) and was skipped; that measurement runs again");
            }
        }

        return (entries, warnings);
    }
}
