using System.Net;

namespace Bench.Reports.Html;

/// <summary>
/// Every string that came from results.json passes through <see cref="Escape"/> before it reaches the
/// page: names, parameters, environment and error text are data, never markup. Quotes are escaped too,
/// so the result is also safe inside an attribute value.
/// </summary>
public static class HtmlText
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
