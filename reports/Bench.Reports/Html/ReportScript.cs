using System.Security.Cryptography;
using System.Text;

namespace Bench.Reports.Html;

/// <summary>
/// The page's one script, inline: sorts the cells table by a clicked header and filters it by workload,
/// strategy and W. The Content-Security-Policy allows exactly this text (its SHA-256), so an injected
/// script would not run even if escaping failed; nothing is loaded from anywhere.
/// </summary>
internal static class ReportScript
{
    public const string Source = """
        (() => {
          const table = document.getElementById('cells-table');
          if (!table) return;
          const body = table.tBodies[0];
          const rows = Array.from(body.rows);
          const count = document.getElementById('cells-count');
          const selects = Array.from(document.querySelectorAll('select[data-filter]'));
          const filter = () => {
            let shown = 0;
            for (const row of rows) {
              const show = selects.every(s => s.value === '' || row.dataset[s.dataset.filter] === s.value);
              row.hidden = !show;
              if (show) shown++;
            }
            count.textContent = shown + ' of ' + rows.length + ' cells';
          };
          selects.forEach(s => s.addEventListener('change', filter));
          const heads = Array.from(table.tHead.rows[0].cells);
          heads.forEach((th, column) => {
            const button = th.querySelector('button');
            if (!button) return;
            button.addEventListener('click', () => {
              const ascending = th.getAttribute('aria-sort') !== 'ascending';
              heads.forEach(h => h.removeAttribute('aria-sort'));
              th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              const key = row => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
              const numeric = th.dataset.type === 'number';
              const value = row => { const k = key(row); return numeric ? (k === '' ? NaN : Number(k)) : k; };
              const sorted = rows.slice().sort((a, b) => {
                const x = value(a), y = value(b);
                if (numeric) {
                  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
                  if (Number.isNaN(y)) return -1;
                  return ascending ? x - y : y - x;
                }
                return ascending ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
              });
              sorted.forEach(r => body.appendChild(r));
            });
          });
          filter();
        })();
        """;

    /// <summary>The CSP source that allows <see cref="Source"/> and nothing else.</summary>
    public static string Hash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Source))) + "'";

    public static string Element => "<script>" + Source + "</script>";
}
