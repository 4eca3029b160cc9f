namespace Bench.Reports.Html;

/// <summary>The page's stylesheet, inline: the report opens from disk with no network and no other files but its PNGs.</summary>
internal static class HtmlStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1560px; padding: 1rem 2rem 4rem; color: #1f2328; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
        h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; margin-top: 2.5rem; }
        .subtitle { color: #57606a; margin-top: 0; }
        .headline { background: #f6f8fa; border-left: 5px solid #0969da; padding: 0.6rem 1.2rem; font-size: 1.08rem; }
        .headline li { margin: 0.4rem 0; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.55rem; vertical-align: top; text-align: left; }
        thead th { background: #f6f8fa; position: sticky; top: 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .swatch { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 2px; margin-right: 0.35em; vertical-align: -0.1em; }
        .contradicts { background: #fff1e5; }
        .contradicts::after { content: " ⚠ contradicts the guide"; color: #bc4c00; font-weight: 600; white-space: nowrap; }
        .missing { color: #8c959f; }
        .note { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.6rem 1rem; border-radius: 4px; margin: 0.8rem 0; }
        .chart-note { background: #f6f8fa; border: 1px dashed #8c959f; padding: 1rem; border-radius: 4px; color: #57606a; }
        figure { margin: 1.2rem 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
        figcaption { color: #57606a; font-size: 0.9rem; max-width: 960px; }
        .warnings li { margin: 0.2rem 0; }
        .kind { font-weight: 600; text-transform: uppercase; font-size: 0.8rem; padding: 0 0.3rem; border-radius: 3px; }
        .kind-failed, .kind-invalid { background: #ffebe9; color: #cf222e; }
        .kind-noisy, .kind-multimodal { background: #fff8c5; color: #9a6700; }
        .kind-cell, .kind-run { background: #ddf4ff; color: #0969da; }
        tr.not-ok td { background: #ffebe9; }
        dl.env { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1.2rem; }
        dl.env dt { font-weight: 600; }
        dl.env dd { margin: 0; }
        .scroll { overflow-x: auto; }
        .why-table td.why-hot { background: #fff1e5; font-weight: 600; outline: 2px solid #bc4c00; outline-offset: -2px; }
        .why-sentence { background: #f6f8fa; border-left: 4px solid #bc4c00; padding: 0.4rem 0.8rem; }
        footer { margin-top: 3rem; color: #57606a; font-size: 0.85rem; }
        """;

    /// <summary>
    /// The run report's own rules: contents, a guide table that fits the page (fixed layout, wrapped text)
    /// and tables outside any overflow box, so that their sticky headers stick to the window.
    /// </summary>
    public const string PageCss = """
        nav#toc { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.4rem 1.2rem; margin: 1rem 0; }
        nav#toc h2 { border: 0; margin: 0.3rem 0; font-size: 1.05rem; }
        nav#toc ol { margin: 0.2rem 0; }
        nav#toc ol.toc-workloads { columns: 3 16rem; }
        nav#toc small, h2 small { color: #57606a; font-weight: normal; }
        a.top { font-size: 0.8rem; font-weight: normal; margin-left: 0.6rem; }
        #guide-table { table-layout: fixed; width: 100%; }
        #guide-table th, #guide-table td { overflow-wrap: anywhere; hyphens: auto; }
        #guide-table th.feature { width: 9%; }
        #guide-table th.says { width: 16%; }
        #guide-table .contradicts::after { white-space: normal; }
        #cells-table { font-size: 0.76rem; }
        #cells-table td.params { max-width: 9rem; overflow-wrap: anywhere; }
        #cells-table td.status { min-width: 6rem; max-width: 12rem; overflow-wrap: anywhere; }
        /* The interval columns (99% CI, speedup, efficiency) wrap between their bounds, so the table fits 1280 px. */
        #cells-table td.num:nth-child(7), #cells-table td.num:nth-child(10), #cells-table td.num:nth-child(11) { white-space: normal; min-width: 5rem; }
        #cells-table thead th { padding: 0; z-index: 2; background: #f6f8fa; background-clip: padding-box; box-shadow: 0 1px 0 #d0d7de; }
        #cells-table thead th button { all: unset; display: block; cursor: pointer; padding: 0.35rem 0.45rem; background: #f6f8fa; }
        #cells-table thead th[aria-sort="ascending"] button::after { content: " ▲"; }
        #cells-table thead th[aria-sort="descending"] button::after { content: " ▼"; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; margin: 0.6rem 0; }
        details.warnings { margin: 1rem 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.3rem 0.8rem; }
        details.warnings summary { cursor: pointer; font-weight: 600; }
        """;
}
