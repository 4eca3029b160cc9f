namespace Bench.Cli.Progress;

/// <summary>
/// Keeps what is printed above a live progress display within the terminal's width. A line the terminal
/// wraps itself moves the cursor further than Spectre.Console counted, and pieces of the bar stay behind in
/// the scrollback; a line broken here first, at spaces where it can be, is never wrapped by the terminal.
/// </summary>
public static class TerminalLines
{
    /// <summary>Continuation lines start with this, so that a cell's line reads as one.</summary>
    public const string Indent = "    ";

    /// <summary><paramref name="text"/> as lines of at most <paramref name="width"/> − 1 characters (the last column is left free).</summary>
    public static IReadOnlyList<string> Fit(string text, int width)
    {
        var limit = Math.Max(20, width - 1);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var rest = paragraph;
            var first = true;
            while (true)
            {
                var prefix = first ? "" : Indent;
                var room = limit - prefix.Length;
                if (rest.Length <= room)
                {
                    lines.Add(prefix + rest);
                    break;
                }

                var cut = rest.LastIndexOf(' ', room);
                if (cut <= 0)
                {
                    cut = room; // no space to break at: break inside the word
                }

                lines.Add(prefix + rest[..cut].TrimEnd());
                rest = rest[cut..].TrimStart();
                first = false;
            }
        }

        return lines;
    }

    /// <summary><paramref name="text"/> cut to <paramref name="length"/> characters, ending in "…" when cut.</summary>
    public static string Clip(string text, int length) =>
        text.Length <= length ? text : text[..Math.Max(0, length - 1)] + "…";
}
