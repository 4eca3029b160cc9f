using System.Text.Json;
using Bench.Results;

namespace Bench.Compare.Inputs;

/// <summary>
/// Opens one side of a comparison: a results.json, a run directory holding one, or a BenchmarkDotNet
/// full JSON report. Every problem (missing file, corrupt JSON, unknown schema or shape) becomes a
/// <see cref="ResultsFileException"/> whose message is the one line the CLI prints with exit code 2.
/// </summary>
public static class InputReader
{
    public static ComparisonInput Read(string path)
    {
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, "results.json");
            if (!File.Exists(inside))
            {
                throw new ResultsFileException($"{path} is a directory without results.json");
            }

            path = inside;
        }

        return Parse(ResultsFile.ReadText(path), path);
    }

    public static ComparisonInput Parse(string text, string source)
    {
        using (var document = ResultsFile.ParseJson(text, source))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out _))
            {
                // bench's own file: ResultsFile owns the schema check and its messages.
                return BenchResultsInput.From(ResultsFile.Parse(text, source), source);
            }

            if (BdnFullJsonInput.Recognizes(root))
            {
                try
                {
                    return BdnFullJsonInput.From(root, source);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
                {
                    throw new ResultsFileException($"{source} is not a usable BenchmarkDotNet full JSON report: {e.Message.Split('\n')[0]}");
                }
            }

            throw new ResultsFileException(
                $"{source} is neither a bench results.json (schema \"{RunResults.SchemaId}\") nor a BenchmarkDotNet *-report-full.json");
        }
    }
}
