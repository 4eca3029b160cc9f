using System.Text;

namespace Bench.Results.Text;

/// <summary>
/// The one Markdown escaper, for the report's summary and bench compare's job summaries alike: makes
/// arbitrary text (names, parameters, paths, CPU names) inert in a GitHub-flavoured Markdown table cell.
/// HTML's special characters become entities (GitHub renders some raw HTML), Markdown punctuation is
/// backslash-escaped (emphasis, code, links, headings, and "|", which would end the cell), and control
/// characters such as line breaks become spaces, so a value cannot start a new block.
/// </summary>
public static class MarkdownText
{
    // Enough to stop emphasis, code, links, images, headings and table breaks; "(", ")", "!" and "-" stay
    // readable because without "[" they form no link or image, and a value never starts a line.
    private const string Punctuation = "\\`*_[]#|~";

    public static string Escape(string? text)
    {
        var builder = new StringBuilder((text?.Length ?? 0) + 16);
        foreach (var c in text ?? "")
        {
            if (c is '<' or '>' or '&' or '"')
            {
                builder.Append(HtmlText.Escape(c.ToString()));
            }
            else if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else
            {
                if (Punctuation.Contains(c))
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
