using System.Buffers.Binary;
using Bench.Protocol;

namespace Bench.Harness.Tests;

public class ProtocolTests
{
    [Fact]
    public void FramesRoundTrip()
    {
        var pipe = new MemoryStream();
        var writer = new FrameWriter(pipe);
        Messages.SendRun(writer, 5, 3, trace: true);
        Messages.SendError(writer, 7, "boom");
        pipe.Position = 0;
        var reader = new FrameReader(pipe);
        Assert.True(reader.TryRead(out var type, out var payload));
        Assert.Equal(FrameType.Run, type);
        Assert.Equal((5, 3, true), Messages.ReadRun(payload));
        Assert.True(reader.TryRead(out type, out payload));
        Assert.Equal((7, "boom"), Messages.ReadError(payload));
        Assert.False(reader.TryRead(out _, out _));
        Assert.Equal(pipe.Length, reader.BytesRead);
    }

    [Fact]
    public void AFrameClaimingTwoGigabytesIsRejectedBeforeAllocating()
    {
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 2u * 1024 * 1024 * 1024);
        header[4] = (byte)FrameType.Results;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = Assert.Throws<ProtocolException>(() => new FrameReader(new MemoryStream(header)).TryRead(out _, out _));
        Assert.Contains("limit", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 1024 * 1024);
    }

    [Fact]
    public void TruncatedAndUnknownFramesAreProtocolErrors()
    {
        Assert.Throws<ProtocolException>(() => new FrameReader(new MemoryStream([9, 0, 0, 0, 4, 1, 2])).TryRead(out _, out _));
        Assert.Throws<ProtocolException>(() => new FrameReader(new MemoryStream([0, 0, 0, 0, 99])).TryRead(out _, out _));
        Assert.Throws<ProtocolException>(() => new FrameReader(new MemoryStream([1, 0])).TryRead(out _, out _));
    }

    [Fact]
    public void AResultsFrameMustMatchTheCountItClaims()
    {
        var payload = new byte[8 + 8 * 2];
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), 3); // claims 3 results, carries 2
        Assert.Throws<ProtocolException>(() => Messages.ReadResults(payload));
    }
}
