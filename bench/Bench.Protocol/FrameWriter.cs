using System.Buffers.Binary;

namespace Bench.Protocol;

/// <summary>
/// Writes frames to a stream (a pipe). Each frame goes out in one write call and is flushed, so the
/// peer never waits on a half-sent frame and a round trip costs one write and one read per side.
/// </summary>
public sealed class FrameWriter(Stream stream)
{
    private byte[] _buffer = new byte[256];

    /// <summary>Total bytes written, headers included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>A payload buffer of at least <paramref name="size"/> bytes; fill it, then call <see cref="Send"/>.</summary>
    public Span<byte> Payload(int size)
    {
        if (size > FrameLimits.MaxPayload)
        {
            throw new ProtocolException($"payload of {size} bytes exceeds the frame limit");
        }

        if (_buffer.Length < FrameLimits.HeaderSize + size)
        {
            _buffer = new byte[FrameLimits.HeaderSize + size];
        }

        return _buffer.AsSpan(FrameLimits.HeaderSize, size);
    }

    /// <summary>Sends the first <paramref name="size"/> bytes of <see cref="Payload"/> as a frame.</summary>
    public void Send(FrameType type, int size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)size);
        _buffer[4] = (byte)type;
        stream.Write(_buffer, 0, FrameLimits.HeaderSize + size);
        stream.Flush();
        BytesWritten += FrameLimits.HeaderSize + size;
    }

    public void Send(FrameType type, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(Payload(payload.Length));
        Send(type, payload.Length);
    }
}
