using System.Text;

namespace Bench.Reports.Markdown;

/// <summary>
/// Makes text from results.json inert in GitHub-flavoured Markdown: HTML special characters become
/// entities (GitHub renders some raw HTML), Markdown punctuation is backslash-escaped, "|" cannot end a
/// table cell, and line breaks become spaces so a value cannot start a new block.
/// </summary>
public static class MarkdownText
{
    // Enough to stop emphasis, code, links, headings and table breaks; "-", "." and "(" stay readable
    // because without "[" they cannot form a link and a value never starts a line.
    private const string Punctuation = "\\`*_[]#|~";

    public static string Escape(string? text)
    {
        var builder = new StringBuilder((text?.Length ?? 0) + 16);
        foreach (var c in text ?? "")
        {
            switch (c)
            {
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\r':
                case '\n':
                    builder.Append(' ');
                    break;
                default:
                    if (Punctuation.Contains(c))
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
