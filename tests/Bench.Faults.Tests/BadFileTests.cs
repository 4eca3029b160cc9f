using System.Text.Json.Nodes;

namespace Bench.Faults.Tests;

/// <summary>
/// Issue 22 #6: files a user might point bench report or bench compare at. Each is refused with one line and
/// exit 2 — no hang, no out-of-memory, no stack trace — and nothing from a file drives the terminal.
/// </summary>
[Trait("Category", "Process")]
public sealed class BadFileTests
{
    // Reading must take at most a few bench start-ups; a FIFO that hangs or a 1 GB read runs far past this.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> Mutations => new()
    {
        { "cells-null", "cells" },
        { "cell-null", "cells[0] is null" },
        { "workload-null", "workload" },
        { "sample-negative", "a sample is a positive, finite time" },
        { "sample-zero", "a sample is a positive, finite time" },
        { "sample-nan", "a sample is a positive, finite time" },
        { "parameters-null", "parameters" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void MutatedResultsFile_IsRefusedByReportAndCompare(string mutation, string expected)
    {
        var path = BenchCli.ScratchPath(mutation) + ".json";
        var root = JsonNode.Parse(File.ReadAllText(DiskFullTests.FixturePath("results-real.json")))!;
        var cell = root["cells"]![0]!;
        switch (mutation)
        {
            case "cells-null": root["cells"] = null; break;
            case "cell-null": root["cells"]![0] = null; break;
            case "workload-null": cell["workload"] = null; break;
            case "sample-negative": cell["samplesNs"]![2] = -5; break;
            case "sample-zero": cell["samplesNs"]![2] = 0; break;
            case "sample-nan": cell["samplesNs"]![2] = "NaN"; break;
            case "parameters-null": cell["parameters"] = null; break;
        }

        File.WriteAllText(path, root.ToJsonString());
        try
        {
            AssertRefused(expected, "report", path, "--out", path + "-report");
            AssertRefused(expected, "compare", DiskFullTests.FixturePath("results-real.json"), path);
        }
        finally
        {
            BenchCli.DeleteQuietly(path);
            BenchCli.DeleteQuietly(path + "-report");
        }
    }

    [Fact]
    public void FifoDeviceAndHugeSparseFile_AreRefusedBeforeAnythingIsRead()
    {
        var fifo = BenchCli.ScratchPath("fifo");
        var sparse = BenchCli.ScratchPath("sparse") + ".json";
        try
        {
            Assert.Equal(0, BenchCli.RunProcess("mkfifo", [fifo], TimeSpan.FromSeconds(10)).Exit);
            using (var stream = new FileStream(sparse, FileMode.CreateNew))
            {
                stream.SetLength(1L << 30); // 1 GiB, no block written
            }

            AssertRefused("not a regular file", "report", fifo);
            AssertRefused("not a regular file", "compare", "/dev/zero", DiskFullTests.FixturePath("results-real.json"));
            AssertRefused("more than the 64 MiB", "report", sparse);
            AssertRefused("more than the 64 MiB", "compare", DiskFullTests.FixturePath("results-real.json"), sparse);
        }
        finally
        {
            BenchCli.DeleteQuietly(fifo);
            BenchCli.DeleteQuietly(sparse);
        }
    }

    [Fact]
    public void ControlCharactersFromAFile_NeverReachTheTerminal()
    {
        var path = BenchCli.ScratchPath("escape") + ".json";
        var root = JsonNode.Parse(File.ReadAllText(DiskFullTests.FixturePath("results-real.json")))!;
        // A CPU name that would clear the screen and set the window title; the other side keeps the real one.
        root["environment"]!["cpu"] = "AMD EPYC\u001b[2J\u001b]0;pwned\u0007";
        root["cells"]![0]!["workload"] = "square\u001b[31m";
        File.WriteAllText(path, root.ToJsonString());
        try
        {
            var outcome = BenchCli.Run(Limit, null, "compare", DiskFullTests.FixturePath("results-real.json"), path);
            Assert.False(outcome.TimedOut);
            Assert.Contains("AMD EPYC", outcome.Stderr + outcome.Stdout); // the differing environment is named…
            Assert.DoesNotContain('\u001b', outcome.Stdout + outcome.Stderr); // …without its escape sequences
            Assert.DoesNotContain('\u0007', outcome.Stdout + outcome.Stderr);
        }
        finally
        {
            BenchCli.DeleteQuietly(path);
        }
    }

    private static void AssertRefused(string expected, params string[] arguments)
    {
        var outcome = BenchCli.Run(Limit, null, arguments);
        var what = string.Join(' ', arguments);
        Assert.False(outcome.TimedOut, $"{what}: still running after {Limit.TotalSeconds} s");
        Assert.True(outcome.Exit == 2, $"{what}: exit {outcome.Exit}: {outcome.Stdout}{outcome.Stderr}");
        var line = Assert.Single(outcome.Stderr.TrimEnd().Split('\n'));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("internal error", line);
    }
}
