using System.Diagnostics;
using Bench.Workloads.Fixtures;

namespace Bench.Workloads.Tests;

/// <summary>Fixtures of a process that died without cleaning up are removed; those of a live process, and anything else, are not.</summary>
public sealed class LeftoverFixtureTests : IDisposable
{
    private readonly string _place = Directory.CreateTempSubdirectory("leftover-test-").FullName;

    [Fact]
    public void Only_fixtures_of_dead_processes_are_removed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the sweep asks /proc
        }

        var dead = DeadPid();
        var deadDirectory = Directory.CreateDirectory(Path.Combine(_place, $"bench-file-io-{dead}-abc123")).FullName;
        File.WriteAllText(Path.Combine(deadDirectory, "item-0.bin"), "x");
        var deadImage = Touch($"bench-image-{dead}-0123456789abcdef.img");
        var liveCounter = Touch($"{LeftoverFixtures.Prefix("counter")}0123456789abcdef.bin");
        var unrelated = Touch($"bench-report-{dead}-notes.json");
        var notAPid = Touch("bench-image-12ab-0123.img");

        var removed = LeftoverFixtures.Sweep([_place]);

        Assert.Equal(new[] { deadDirectory, deadImage }.Order(), removed.Order());
        Assert.False(Directory.Exists(deadDirectory));
        Assert.False(File.Exists(deadImage));
        Assert.True(File.Exists(liveCounter));
        Assert.True(File.Exists(unrelated));
        Assert.True(File.Exists(notAPid));
    }

    [Fact]
    public void Fixtures_are_named_after_the_process_that_made_them()
    {
        using var directory = new Io.PrivateTempDirectory(LeftoverFixtures.Prefix("file-io"));
        Assert.StartsWith($"bench-file-io-{Environment.ProcessId}-", Path.GetFileName(directory.Path), StringComparison.Ordinal);
        using var mapped = SharedMemory.MappedFile.Create("image", ".img", 4096);
        Assert.StartsWith($"bench-image-{Environment.ProcessId}-", Path.GetFileName(mapped.Path), StringComparison.Ordinal);
    }

    private string Touch(string name)
    {
        var path = Path.Combine(_place, name);
        File.WriteAllText(path, "");
        return path;
    }

    private static int DeadPid()
    {
        using var process = Process.Start("/bin/true")!;
        process.WaitForExit();
        return process.Id;
    }

    public void Dispose() => Directory.Delete(_place, recursive: true);
}
