using Bench.Harness.Run;
using Bench.Harness.Statistics;
using Bench.Results;

namespace Bench.Measurement.Tests;

public class DerivedMetricsTests
{
    private static CellResult Cell(string strategy, int workers, double[] samples, double cpuPerSample = 0, double? sequential = null) => new()
    {
        Workload = "sleep",
        Strategy = strategy,
        Workers = workers,
        Items = 8,
        Parameters = new Dictionary<string, string> { ["items"] = "8", ["ms"] = "20" },
        Status = CellStatus.Ok,
        SamplesNs = samples,
        Resources = [.. samples.Select(_ => new SampleResources { CpuUserNs = cpuPerSample * 0.75, CpuSystemNs = cpuPerSample * 0.25, PeakRssBytes = 1000 })],
        Derived = new DerivedMetrics { SequentialNs = sequential, IdealNs = 160e6 / workers },
    };

    [Fact]
    public void EffectiveCoresSpeedupEfficiencyAndOverheadFollowFromSamplesAndResources()
    {
        var cell = CellMetrics.Complete(Cell("threads", 2, [100e6, 100e6, 100e6], cpuPerSample: 150e6, sequential: 160e6));

        Assert.Equal(100e6, cell.MedianNs);
        Assert.Equal(1.5, cell.Derived!.EffectiveCores!.Value, 9);
        Assert.Equal(1.6, cell.Derived.SpeedupVsSequential!.Value, 9);
        Assert.Equal(0.8, cell.Derived.EfficiencyVsSequential!.Value, 9);
        Assert.Null(cell.Derived.EfficiencyVsW1); // needs the W=1 cell: AcrossCells
        Assert.Equal(80, cell.Derived.ItemsPerSecond, 6);
        // (100 ms − 80 ms) · 2 / 8 = 5 ms per item.
        Assert.Equal(5e6, cell.Derived.OverheadPerItemNs!.Value, 3);
        Assert.Equal(1000, cell.Derived.PeakTreeMemoryBytes);
    }

    [Fact]
    public void SpeedupAgainstW1ComesFromTheSameStrategysW1Cell()
    {
        var cells = AcrossCells.Apply([
            CellMetrics.Complete(Cell("threads", 1, [200e6])),
            CellMetrics.Complete(Cell("threads", 2, [100e6])),
            CellMetrics.Complete(Cell("processes", 2, [50e6])),
        ]);
        Assert.Equal(1.0, cells[0].Derived!.SpeedupVsW1);
        Assert.Equal(2.0, cells[1].Derived!.SpeedupVsW1);
        Assert.Equal(1.0, cells[1].Derived!.EfficiencyVsW1);
        Assert.Null(cells[2].Derived!.SpeedupVsW1); // no processes W=1 cell in this run
        Assert.Null(cells[2].Derived!.EfficiencyVsW1);
    }

    [Fact]
    public void A_variant_is_compared_with_its_own_W1_cell()
    {
        var cells = AcrossCells.Apply([
            CellMetrics.Complete(Cell("threads", 1, [200e6])),
            CellMetrics.Complete(Cell("threads", 1, [400e6]) with { Variant = CellVariants.Gil }),
            CellMetrics.Complete(Cell("threads", 2, [100e6]) with { Variant = CellVariants.Gil }),
        ]);
        Assert.Equal(4.0, cells[2].Derived!.SpeedupVsW1);
        Assert.Equal(2.0, cells[2].Derived!.EfficiencyVsW1);
    }

    [Fact]
    public void LaunchesConcatenateSamplesAndRecomputeStatistics()
    {
        var first = CellMetrics.Complete(Cell("threads", 2, [100e6, 101e6], cpuPerSample: 10e6, sequential: 150e6));
        var second = CellMetrics.Complete(Cell("threads", 2, [200e6, 201e6], cpuPerSample: 10e6, sequential: 170e6));

        var merged = CellLaunches.Merge([first, second]);

        Assert.Equal([100e6, 101e6, 200e6, 201e6], merged.SamplesNs);
        Assert.Equal([2, 2], merged.LaunchSampleCounts); // where each launch's samples are, for bench compare
        Assert.Null(first.LaunchSampleCounts);
        Assert.Equal(4, merged.Resources!.Count);
        Assert.Equal(4, merged.Statistics!.SampleCount);
        Assert.Equal(150.5e6, merged.MedianNs);
        Assert.Equal(160e6, merged.Derived!.SequentialNs);
        // Two clusters 100 ms apart: noisy, and the warning is recomputed, not duplicated.
        Assert.Single(merged.Warnings, w => w.StartsWith("noisy:", StringComparison.Ordinal));
    }
}
