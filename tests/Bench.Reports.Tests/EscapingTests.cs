using Bench.Reports.Csv;
using Bench.Results.Text;
using Xunit;

namespace Bench.Reports.Tests;

public class EscapingTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\"><img onerror=x>", "&quot;&gt;&lt;img onerror=x&gt;")]
    [InlineData("it's & done", "it&#39;s &amp; done")]
    public void Html_escapes_markup_and_quotes(string text, string expected) => Assert.Equal(expected, HtmlText.Escape(text));

    [Fact]
    public void Markdown_escapes_pipes_markup_and_line_breaks()
    {
        var escaped = MarkdownText.Escape("a|b <script>\n# heading *x*");
        Assert.Equal("a\\|b &lt;script&gt; \\# heading \\*x\\*", escaped);
        Assert.DoesNotContain("\n", escaped);
    }

    [Fact]
    public void Markdown_escapes_links_images_and_control_characters_and_leaves_prose_readable()
    {
        Assert.Equal("!\\[x\\](y) {z} a\\_b &quot;q&quot; c", MarkdownText.Escape("![x](y) {z} a_b \"q\"\tc"));
        Assert.Equal("1.5× at W=2, 3.1 µs - ok.", MarkdownText.Escape("1.5× at W=2, 3.1 µs - ok."));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    public void Csv_quotes_fields_and_defuses_formulas(string text, string expected) => Assert.Equal(expected, CsvText.Field(text));
}
