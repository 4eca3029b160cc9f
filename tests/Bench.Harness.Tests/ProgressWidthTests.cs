using Bench.Cli.Progress;

namespace Bench.Harness.Tests;

/// <summary>Lines printed above the progress bar never reach the terminal's last column, and lose no text.</summary>
public class ProgressWidthTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(300)]
    public void A_long_finished_cell_line_is_broken_within_the_width_and_keeps_every_word(int width)
    {
        var line = "[37/93] sieve process-pool W=4: median 11.32 ms over 6 samples [noisy: coefficient of variation 64.2 % exceeds 5 %; " +
                   "effective cores not stated: 77.5 ms of batches in all is too short to attribute CPU time (needs 250 ms)]";
        var lines = TerminalLines.Fit(line, width);
        Assert.All(lines, l => Assert.True(l.Length <= width - 1, $"{l.Length} characters in a {width}-column terminal: {l}"));
        Assert.Equal(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), string.Join(' ', lines).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(TerminalLines.Indent, l, StringComparison.Ordinal));
        Assert.Equal(width > line.Length ? 1 : 2, Math.Min(lines.Count, 2));
    }

    [Fact]
    public void A_word_longer_than_the_width_is_broken_inside_and_clip_marks_what_it_cut()
    {
        var lines = TerminalLines.Fit(new string('x', 100), 40);
        Assert.All(lines, l => Assert.True(l.Length <= 39));
        Assert.Equal(100, string.Concat(lines).Replace(TerminalLines.Indent, "", StringComparison.Ordinal).Length);
        Assert.Equal("abcd…", TerminalLines.Clip("abcdefgh", 5));
        Assert.Equal("abc", TerminalLines.Clip("abc", 5));
    }
}
