using Bench.Harness.Planning;
using Bench.Harness.Run.Progress;
using Spectre.Console;

namespace Bench.Cli.Progress;

/// <summary>
/// A live Spectre.Console display for a terminal: a bar of cells done of total, the current cell and an
/// ETA from the cells finished so far. Spectre drives its display from a task of its own; the run updates
/// the shared <see cref="ProgressTask"/> (thread-safe) from its thread, and finished cells are printed
/// above the bar.
/// </summary>
internal sealed class SpectreProgress : IRunProgress
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProgressTask> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _display;
    private int _total;

    /// <summary>True when stdout is an interactive terminal (not redirected to a file or a pipe, not CI).</summary>
    public static bool Supported(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Start(int totalCells)
    {
        _total = totalCells;
        _display = AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _ready.SetResult(context.AddTask($"0/{totalCells} cells", maxValue: totalCells));
                await _finished.Task.ConfigureAwait(false);
            });
    }

    // The bar's row holds the description and five columns: the description gets at most a third of the width.
    public void CellStarting(int number, string label) =>
        Bar().Description = Markup.Escape(TerminalLines.Clip($"{number - 1}/{_total} cells · {label}", Math.Max(16, Width / 3)));

    public void CellFinished(int number, string label, string summary)
    {
        var bar = Bar();
        Print($"[{number}/{_total}] {label}: {summary}");
        bar.Increment(1);
        bar.Description = Markup.Escape($"{number}/{_total} cells");
    }

    public void Note(string line) => Print(line);

    private static int Width => AnsiConsole.Profile.Width;

    /// <summary>Prints above the bar in lines that fit the terminal (<see cref="TerminalLines"/>).</summary>
    private static void Print(string text)
    {
        foreach (var line in TerminalLines.Fit(text, Width))
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    private ProgressTask Bar() => _ready.Task.GetAwaiter().GetResult();

    public void Dispose()
    {
        if (_display is null)
        {
            return;
        }

        _finished.TrySetResult();
        _display.GetAwaiter().GetResult();
        _display = null;
    }
}
