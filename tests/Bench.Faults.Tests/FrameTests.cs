using System.Buffers.Binary;
using Bench.Protocol;
using Bench.Results;

namespace Bench.Faults.Tests;

/// <summary>Fault 4: a worker's reply frame that is malformed or claims an absurd size.</summary>
[Trait("Category", "Process")]
public sealed class FrameTests
{
    [Fact]
    public void FrameClaiming2GiB_IsRejectedWithoutAllocatingIt()
    {
        var frame = new byte[FrameLimits.HeaderSize + 64];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 0x8000_0000);
        frame[4] = (byte)FrameType.Results;
        var reader = new FrameReader(new MemoryStream(frame));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProtocolException>(() => reader.TryRead(out _, out _));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("2147483648", error.Message);
        Assert.True(allocated < 1 << 20, $"rejecting the frame allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("oversized-frame@item:0", "process-pool", "frame claims 2147483648 bytes, more than the 16777216-byte limit")]
    [InlineData("corrupt-frame@item:2", "processes", "unknown frame type 238")]
    public void BadReplyFrame_FailsTheCellWithAClearError(string fault, string strategy, string expected)
    {
        using var run = new BenchRun(fault,
            "--profile", "quick", "--workloads", "square", "--strategies", strategy, "--workers", "2", "--retry", "0");
        var exit = run.WaitForExit(TimeSpan.FromSeconds(60));

        var cell = Assert.Single(run.Results().Cells);
        Assert.Equal(1, exit);
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.Matches(@"^worker \d+ sent a bad frame while running item \d+: ", cell.Error);
        Assert.Contains(expected, cell.Error);
        ProcessTable.AssertNoneLeft(run.Tag, TimeSpan.FromSeconds(1));
    }
}
