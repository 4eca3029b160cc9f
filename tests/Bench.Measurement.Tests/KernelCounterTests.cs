using System.Diagnostics;
using Bench.Harness.Cell;
using Bench.Harness.Os;
using Xunit.Abstractions;

namespace Bench.Measurement.Tests;

/// <summary>perf_event_open's software counters, inherited by the processes the observed one starts; hardware ones where the machine has them.</summary>
public class KernelCounterTests(ITestOutputHelper log)
{
    [Fact]
    public void PageFaultsOfAChildStartedAfterOpeningAreCountedInTheTree()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // perf_event_open: Linux only
        }

        using var counters = new KernelCounters();
        counters.BeforeSample();
        // dd touches its 64 MiB buffer: at least 16,384 minor page faults of 4 KiB pages, in a process
        // started after the counters were opened (as a worker is).
        using (var dd = Process.Start(new ProcessStartInfo("dd", "if=/dev/zero of=/dev/null bs=64M count=1") { RedirectStandardError = true })!)
        {
            dd.StandardError.ReadToEnd();
            dd.WaitForExit();
        }

        counters.AfterSample();
        var sample = Assert.Single(counters.Samples);
        log.WriteLine($"{sample}; unavailable: {string.Join(" | ", counters.Unavailable)}");
        Assert.True(sample.MinorPageFaults > 10_000, $"minor page faults {sample.MinorPageFaults}: the child's are not inherited");
        Assert.True(sample.TaskClockNs > 0 && sample.ContextSwitches >= 0);
    }

    [Fact]
    public void HardwareCountersTheMachineRefusesAreUnavailableNeverZero()
    {
        // Refused as this VM refuses them (ENOENT); software counters open for real.
        using var counters = new KernelCounters((e, tid) => e.Hardware ? -2 : PerfEventSyscall.Open(e, tid));
        counters.BeforeSample();
        counters.AfterSample();
        var sample = Assert.Single(counters.Samples);
        Assert.Null(sample.Instructions);
        Assert.Null(sample.Cycles);
        Assert.Null(sample.CacheMisses);
        Assert.Contains("cycles: ENOENT: this machine exposes no such counter", sample.Unavailable!);
        Assert.Equal(3, sample.Unavailable!.Count(u => u.Contains("ENOENT")));
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(sample.TaskClockNs);
        }

        // And on this machine, for real: a hardware counter either opens or is named unavailable.
        using var real = new KernelCounters();
        var fd = PerfEventSyscall.Open(PerfEvent.Cycles, Environment.ProcessId);
        if (fd >= 0)
        {
            PerfEventSyscall.Close(fd);
            Assert.DoesNotContain(real.Unavailable, u => u.StartsWith("cycles:"));
        }
        else
        {
            log.WriteLine($"cycles here: {PerfEventSyscall.Describe(fd)}");
            Assert.Contains(real.Unavailable, u => u.StartsWith("cycles:"));
        }
    }
}
