using Bench.History;
using Bench.Results;

namespace Bench.Store.Tests;

/// <summary>Text from stored runs (machine, workload and strategy names, parameters, commits) is data on the history page, never markup.</summary>
[Trait("Category", "Slow")]
public class EscapingTests
{
    [Fact]
    public void Markup_in_a_stored_run_is_shown_as_text()
    {
        var db = Path.Combine(Stores.TempDirectory("xss"), "history.db");
        var hostile = ResultsFile.Read(Stores.Fixture("results-xss.json"));
        using var store = Stores.Open(db);
        store.Add([Stores.ToAdd(hostile, commit: "<script>window.__xss=1</script>", branch: "\"><img src=x onerror=alert(1)>")]);

        var report = HistoryReportWriter.Write(store, Stores.TempDirectory("xss-report"), HistoryOptions.Default);
        var html = File.ReadAllText(report.IndexHtml);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", html, StringComparison.Ordinal);
    }
}
