using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Bench.Results;

namespace Bench.Store.Runs;

/// <summary>
/// The whole run as the store keeps it: results.json's JSON (as <see cref="ResultsFile"/> writes it, after
/// any migration on read), gzip-compressed — a 93-cell run with traces is ≈ 6× smaller. Reading it back goes
/// through <see cref="ResultsFile.Parse"/>, so a document an older Bench stored is migrated like a file.
/// </summary>
public static class RunDocument
{
    /// <summary>ResultsFile's write options (compile-time metadata rather than reflection), compact.</summary>
    private static readonly JsonSerializerOptions Compact = new(ResultsFile.WriteOptions) { WriteIndented = false };

    public static byte[] Encode(RunResults results)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(results, Compact);
        using var buffer = new MemoryStream(json.Length / 4);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return buffer.ToArray();
    }

    public static RunResults Decode(byte[] document, string source)
    {
        string text;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(document), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            text = reader.ReadToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new StoreException($"{source}: the stored document is damaged ({e.Message})");
        }

        try
        {
            return ResultsFile.Parse(text, source);
        }
        catch (ResultsFileException e)
        {
            throw new StoreException(e.Message);
        }
    }
}
