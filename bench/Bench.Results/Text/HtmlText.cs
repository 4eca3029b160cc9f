using System.Net;

namespace Bench.Results.Text;

/// <summary>
/// The one HTML escaper: every string that came from a results file passes through it before it reaches
/// a page (or, for its markup characters, a Markdown file GitHub renders): names, parameters,
/// environment and error text are data, never markup. Quotes are escaped too, so the result is also safe
/// inside an attribute value.
/// </summary>
public static class HtmlText
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
