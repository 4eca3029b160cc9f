using Bench.Harness.Run;
using Bench.Results;

namespace Bench.Measurement.Tests;

public class JournalTests
{
    private static CellResult Cell(int workers) => new()
    {
        Workload = "square",
        Strategy = "threads",
        Workers = workers,
        Items = 8,
        Parameters = new Dictionary<string, string> { ["items"] = "8" },
        Status = CellStatus.Ok,
        SamplesNs = [1, 2, 3],
        MedianNs = 2,
    };

    [Fact]
    public void ATornLastLineIsSkippedWithAWarningAndTheRestIsKept()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var journal = new Journal(path);
            journal.Append(Cell(1));
            journal.Append(Cell(2));
            // A kill in the middle of a write leaves half a line and no newline.
            var full = File.ReadAllLines(path)[0].Replace("\"workers\":1", "\"workers\":4", StringComparison.Ordinal);
            File.AppendAllText(path, full[..(full.Length / 2)]);

            var (cells, warnings) = journal.Load();

            Assert.Equal(2, cells.Count);
            Assert.Contains(Cell(1).Key, cells.Keys);
            Assert.Contains(Cell(2).Key, cells.Keys);
            var warning = Assert.Single(warnings);
            Assert.Contains("line 3", warning);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AppendingAfterATornLineStartsOnAFreshLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var journal = new Journal(path);
            journal.Append(Cell(1));
            File.AppendAllText(path, "{\"workload\":\"squ");
            journal.Append(Cell(2)); // a resumed run appends after the torn line

            var (cells, warnings) = journal.Load();

            Assert.Equal(2, cells.Count);
            Assert.Single(warnings);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
