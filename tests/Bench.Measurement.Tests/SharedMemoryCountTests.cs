using System.Diagnostics;
using Bench.Harness.Os;

namespace Bench.Measurement.Tests;

/// <summary>
/// PSS counts a page shared by k processes 1/k in each, so a file mapped by four real processes counts
/// once in the tree's memory, where summed RSS counts it four times (issue 15: process-pool's memory was
/// "2.13× threads'" because every worker's RSS held the same mapped image).
/// </summary>
public class SharedMemoryCountTests
{
    private const long FileBytes = 64L * 1024 * 1024;

    [Fact]
    public void One_file_mapped_by_four_processes_counts_once_in_pss_and_four_times_in_rss()
    {
        if (!LinuxResourceUsage.Available || !File.Exists("/proc/self/smaps_rollup"))
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI")); // CI runs on Linux: it must have smaps_rollup
            return;
        }

        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists) ?? FindOnPath("python3");
        if (python is null)
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI")); // a real mapping process is required in CI
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"bench-pss-{Guid.NewGuid():N}.bin");
        var processes = new List<Process>();
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(FileBytes);
                file.Write(new byte[4096]);
            }

            // Each process maps the whole file read-only, touches every page (so each has it all resident),
            // says "ready", and waits for its stdin to close.
            const string script = "import mmap,sys\nf=open(sys.argv[1],'rb')\nm=mmap.mmap(f.fileno(),0,access=mmap.ACCESS_READ)\ns=0\nfor i in range(0,len(m),4096): s+=m[i]\nprint('ready',flush=True)\nsys.stdin.read()\n";
            for (var i = 0; i < 4; i++)
            {
                var process = Process.Start(new ProcessStartInfo(python)
                {
                    ArgumentList = { "-c", script, path },
                    UseShellExecute = false,
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                })!;
                processes.Add(process);
            }

            foreach (var process in processes)
            {
                Assert.Equal("ready", process.StandardOutput.ReadLine());
            }

            var tree = LinuxResourceUsage.Memory(processes.Select(p => p.Id))!;
            Assert.Equal(4, tree.Processes);
            // Every process has the whole file resident: summed RSS holds it four times …
            Assert.True(tree.RssBytes >= 4 * FileBytes, $"RSS {tree.RssBytes}");
            // … PSS once (plus four small interpreters: well under a second copy).
            Assert.True(tree.PssBytes >= FileBytes, $"PSS {tree.PssBytes}");
            Assert.True(tree.PssBytes < 2 * FileBytes, $"PSS {tree.PssBytes} counts the file more than once");
            // The file is shared, not private: it is in the shared part.
            Assert.True(tree.SharedBytes >= FileBytes * 0.95, $"shared {tree.SharedBytes}");
            Assert.True(tree.UssBytes < FileBytes, $"USS {tree.UssBytes}");
        }
        finally
        {
            foreach (var process in processes)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(10_000))
                {
                    process.Kill();
                }

                process.Dispose();
            }

            File.Delete(path);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
