using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bench.Results;

namespace Bench.Store.Runs;

/// <summary>
/// A run's id in the store: the first 16 hex digits of the SHA-256 of what it measured — its start time,
/// machine, and every cell's key, status and samples. A copy of a results.json, the same run re-rendered,
/// or a bench-results/1 file and its bench-results/2 form are the same run and get the same id, which the
/// store refuses twice; the id is also the same in every store, so a fleet's runs keep their names.
/// </summary>
public static class RunIdentity
{
    public static string Of(RunResults results)
    {
        var text = new StringBuilder();
        text.Append(Sql.Time(results.Environment.StartedUtc)).Append('\n').Append(MachineFingerprint.Of(results.Environment).Id).Append('\n');
        foreach (var cell in results.Cells)
        {
            text.Append(cell.Key).Append('|').Append(cell.Status);
            foreach (var sample in cell.SamplesNs)
            {
                text.Append(';').Append(sample.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
