using System.Text.Json;
using Bench.Harness.Planning;
using Bench.Results;

namespace Bench.Harness.Tests;

/// <summary>
/// The compile-time JSON metadata (faster cell-process start) changes nothing on disk: a spec survives the
/// trip to its cell process whole, and a result is written exactly as the reflection-based options write it.
/// </summary>
public class SerializationTests
{
    [Theory]
    [InlineData(0, null, null)]
    [InlineData(1, 16, CellVariants.Gil)]
    public void A_cell_spec_survives_the_trip_to_its_cell_process(int retries, int? chunkSize, string? variant)
    {
        var spec = new CellSpec
        {
            Workload = "sieve",
            Strategy = "process-pool",
            Variant = variant,
            Workers = 2,
            ChunkSize = chunkSize,
            Parameters = new Dictionary<string, string> { ["n"] = "1000000", ["items"] = "8" },
            Job = new ProfileJob("Monitoring", 1, 0, 8, 1),
            BudgetSeconds = 0.5,
            BdnDirectory = "/tmp/bdn/x",
            ItemTimeoutSeconds = 30,
            Retries = retries,
            Verbose = true,
        };

        var back = CellSpecJson.Deserialize(CellSpecJson.Serialize(spec))!;

        Assert.Equal(CellSpecJson.Serialize(spec), CellSpecJson.Serialize(back));
        Assert.Equal(retries, back.Retries);
        Assert.Equal(chunkSize, back.ChunkSize);
        Assert.Equal(variant, back.Variant);
        Assert.Equal(spec.Key, back.Key);
        Assert.Equal(spec.Job, back.Job);
    }

    [Theory]
    [InlineData("results-full.json")]
    [InlineData("results-v1.json")] // migrated on read: strategy descriptors and a gil variant
    public void Results_are_written_exactly_as_the_reflection_based_options_write_them(string name)
    {
        var fixture = Path.Combine(RepositoryRoot(), "tests", "fixtures", name);
        var results = ResultsFile.Read(fixture);
        Assert.NotEmpty(results.Cells);

        Assert.Equal(JsonSerializer.Serialize(results, ResultsFile.Options), JsonSerializer.Serialize(results, ResultsFile.WriteOptions));
        foreach (var cell in results.Cells)
        {
            Assert.Equal(JsonSerializer.Serialize(cell, ResultsFile.Options), JsonSerializer.Serialize(cell, ResultsFile.WriteOptions));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("not inside the repository");
    }
}
