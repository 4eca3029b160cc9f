namespace Bench.Harness.Run.Progress;

/// <summary>
/// What a run reports while it goes: a terminal shows a live display (cells done of total, the current
/// cell, an ETA), a log (CI) gets one plain line per finished cell.
/// </summary>
public interface IRunProgress : IDisposable
{
    void Start(int totalCells);

    void CellStarting(int number, string label);

    /// <param name="number">1-based position of the cell in the plan.</param>
    /// <param name="label">"sleep threads W=2".</param>
    /// <param name="summary">One line: the median, or why the cell failed.</param>
    void CellFinished(int number, string label, string summary);

    /// <summary>A line that must be seen (a warning), shown above a live display.</summary>
    void Note(string line);
}
