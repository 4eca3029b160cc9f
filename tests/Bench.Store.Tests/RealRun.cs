using Bench.Results;

namespace Bench.Store.Tests;

/// <summary>The real 93-cell quick run checked in as a fixture (tests/fixtures/README.md): it has the sieve cells the change-point test steps.</summary>
internal static class RealRun
{
    public const string FileName = "results-quick-93.json";

    public static RunResults Read() => ResultsFile.Read(Stores.Fixture(FileName));
}
