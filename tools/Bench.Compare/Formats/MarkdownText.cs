using System.Text;

namespace Bench.Compare.Formats;

/// <summary>
/// Makes arbitrary text (cell names, parameters, file paths, CPU names) inert inside GitHub-flavoured
/// Markdown table cells: a pipe would split the cell, and emphasis, code, link and HTML characters would
/// change the rendering.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in Display.OneLine(text))
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '~' or '!' or '{' or '}':
                    escaped.Append('\\').Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
