using System.Diagnostics;
using Bench.Harness.Run;
using Bench.Results;

namespace Bench.Measurement.Tests;

/// <summary>
/// <c>kill -9</c> of a run in the middle, a line torn by the kill, then <c>--resume</c>: the final
/// results.json holds every planned cell exactly once, each equal to its journal entry.
/// </summary>
[Trait("Category", "Process")]
public class KillAndResumeTests
{
    private static readonly string[] Matrix =
    [
        "run", "--profile", "quick", "--workloads", "sleep", "--strategies", "threads,threadpool", "--workers", "1,2",
        "--param", "sleep.items=4", "--param", "sleep.ms=2",
    ];

    [Fact]
    public void ResumeAfterSigkillYieldsEveryCellExactlyOnceMatchingTheJournal()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "bench-resume-" + Guid.NewGuid().ToString("N"));
        var journalPath = Path.Combine(outDirectory, "journal.jsonl");
        try
        {
            // 1. Start a run and SIGKILL it as soon as its first cell is journaled.
            using (var run = Start([.. Matrix, "--out", outDirectory]))
            {
                var clock = Stopwatch.StartNew();
                while (CompleteLines(journalPath) < 1 && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
                {
                    Thread.Sleep(20);
                }

                Assert.False(run.HasExited, "the run ended before it could be killed");
                run.Kill(); // SIGKILL to the run only, as kill -9 would; its cell process follows through its lifeline
                run.WaitForExit();
            }

            var before = CompleteLines(journalPath);
            Assert.InRange(before, 1, 3);
            // 2. A kill in the middle of a write leaves a torn last line.
            File.AppendAllText(journalPath, "{\"workload\":\"sleep\",\"strat");

            // 3. Resume.
            using var resume = Start([.. Matrix, "--resume", outDirectory]);
            var stdout = resume.StandardOutput.ReadToEnd();
            resume.WaitForExit();
            Assert.True(resume.ExitCode == 0, $"resume exited {resume.ExitCode}: {stdout}");
            Assert.Contains("already in the journal, skipped", stdout);

            var results = ResultsFile.Read(Path.Combine(outDirectory, "results.json"));
            Assert.Equal(4, results.Cells.Count);
            Assert.Equal(4, results.Cells.Select(c => c.Key).Distinct().Count());
            Assert.Contains(results.Warnings, w => w.Contains("unreadable", StringComparison.Ordinal));

            var (journaled, warnings) = new Journal(journalPath).Load();
            Assert.Single(warnings);
            Assert.Equal(4, journaled.Count);
            foreach (var cell in results.Cells)
            {
                Assert.Equal(CellStatus.Ok, cell.Status);
                var entry = journaled[cell.Key];
                Assert.Equal(entry.SamplesNs, cell.SamplesNs);
                Assert.Equal(entry.MedianNs, cell.MedianNs);
            }
        }
        finally
        {
            if (Directory.Exists(outDirectory))
            {
                Directory.Delete(outDirectory, recursive: true);
            }
        }
    }

    private static int CompleteLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Count(c => c == '\n') : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static Process Start(string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
