using System.Diagnostics;
using Bench.Harness.Cell;
using Bench.Harness.Os;
using Xunit.Abstractions;

namespace Bench.Measurement.Tests;

/// <summary>The observer must see CPU spent in other processes: reaped children and live workers.</summary>
[Trait("Category", "Process")]
public class ResourceObserverTests(ITestOutputHelper log)
{
    // A shell loop that burns CPU for a while in a process of its own, then prints its own CPU times
    // (the `times` builtin: "0m0.700s 0m0.010s" for the shell itself on the first line).
    private static Process Spin(int iterations, bool redirect = false) => Process.Start(new ProcessStartInfo("/bin/sh")
    {
        ArgumentList = { "-c", $"i=0; while [ $i -lt {iterations} ]; do i=$((i+1)); done; times" },
        UseShellExecute = false,
        RedirectStandardOutput = redirect,
    })!;

    private static double SelfReportedCpuNs(string timesOutput) =>
        timesOutput.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(field =>
        {
            var m = field.IndexOf('m');
            return (double.Parse(field[..m], System.Globalization.CultureInfo.InvariantCulture) * 60 +
                    double.Parse(field[(m + 1)..].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture)) * 1e9;
        });

    [Fact]
    public void CpuOfAChildReapedDuringTheSampleIsCounted()
    {
        if (!LinuxResourceUsage.Available)
        {
            return; // /proc and getrusage: Linux only
        }

        var observer = new ProcessTreeObserver(() => [], concurrentChildren: 1);
        observer.BeforeSample();
        var clock = Stopwatch.StartNew();
        string times;
        using (var child = Spin(300_000, redirect: true))
        {
            times = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
        }

        var wall = clock.Elapsed;
        observer.AfterSample();

        var sample = Assert.Single(observer.Samples);
        var cpu = sample.CpuUserNs + sample.CpuSystemNs;
        var childCpu = SelfReportedCpuNs(times);
        log.WriteLine($"wall {wall.TotalMilliseconds:F0} ms, tree CPU {cpu / 1e6:F0} ms, the child says {childCpu / 1e6:F0} ms, peak {sample.PeakRssBytes / 1e6:F1} MB");
        // The tree's CPU includes all the child says it used (10 ms of rounding in `times` allowed).
        Assert.True(childCpu > 50e6, $"the child used only {childCpu / 1e6:F0} ms: {times}");
        Assert.True(cpu >= childCpu - 10e6, $"tree CPU {cpu / 1e6:F0} ms misses the child's {childCpu / 1e6:F0} ms");
        Assert.True(sample.PeakRssBytes > 0);
    }

    [Fact]
    public void CpuOfLiveWorkersIsCountedAndTheirMemoryAdded()
    {
        if (!LinuxResourceUsage.Available)
        {
            return; // /proc and getrusage: Linux only
        }

        using var a = Spin(100_000_000);
        using var b = Spin(100_000_000);
        try
        {
            var observer = new ProcessTreeObserver(() => [a.Id, b.Id], concurrentChildren: 0);
            observer.BeforeSample();
            var clock = Stopwatch.StartNew();
            Thread.Sleep(1000); // the harness sleeps; the two workers spin
            var wall = clock.Elapsed.TotalNanoseconds;
            observer.AfterSample();

            var sample = Assert.Single(observer.Samples);
            var cores = (sample.CpuUserNs + sample.CpuSystemNs) / wall;
            log.WriteLine($"effective cores of two spinning workers: {cores:F2} (machine shared; 2.0 when two cores are free)");
            // Loose: the machine is shared. Zero would mean the live workers' CPU is not seen at all.
            Assert.True(cores > 0.02, $"effective cores {cores:F2}: the workers' CPU is not seen");
            var workers = LinuxResourceUsage.PeakRssBytes(a.Id)!.Value + LinuxResourceUsage.PeakRssBytes(b.Id)!.Value;
            Assert.True(sample.PeakRssBytes > workers, "the workers' memory must be added to the harness's");
        }
        finally
        {
            a.Kill();
            b.Kill();
        }
    }
}
