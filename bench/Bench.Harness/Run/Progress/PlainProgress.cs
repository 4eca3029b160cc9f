namespace Bench.Harness.Run.Progress;

/// <summary>One plain line per finished cell: for logs, pipes and CI.</summary>
public sealed class PlainProgress(TextWriter output) : IRunProgress
{
    private int _total;

    public void Start(int totalCells) => _total = totalCells;

    public void CellStarting(int number, string label)
    {
    }

    public void CellFinished(int number, string label, string summary) =>
        output.WriteLine($"[{number}/{_total}] {label}: {summary}");

    public void Note(string line) => output.WriteLine(line);

    public void Dispose()
    {
    }
}
