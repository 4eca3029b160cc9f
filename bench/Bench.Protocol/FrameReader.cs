using System.Buffers.Binary;

namespace Bench.Protocol;

/// <summary>
/// Reads frames from a stream (a pipe). One reader per stream, one thread at a time. The payload
/// buffer is reused between frames, so a steady stream of small frames allocates nothing.
/// </summary>
public sealed class FrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[FrameLimits.HeaderSize];
    private byte[] _buffer = new byte[256];

    /// <summary>Total bytes read, headers included (the report shows what crossed the pipes).</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Reads the next frame. Returns false on a clean end of stream before a header (the peer closed the
    /// pipe); throws <see cref="ProtocolException"/> on a truncated frame, an unknown type or an oversized length.
    /// The payload is valid until the next call.
    /// </summary>
    public bool TryRead(out FrameType type, out ReadOnlyMemory<byte> payload)
    {
        type = default;
        payload = default;
        var got = ReadFully(_header, 0, FrameLimits.HeaderSize);
        if (got == 0)
        {
            return false;
        }

        if (got < FrameLimits.HeaderSize)
        {
            throw new ProtocolException($"frame header truncated after {got} bytes");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        type = (FrameType)_header[4];
        if (!Enum.IsDefined(type))
        {
            throw new ProtocolException($"unknown frame type {_header[4]}");
        }

        // Check the claimed length before allocating anything for it.
        if (length > FrameLimits.MaxPayload)
        {
            throw new ProtocolException($"frame claims {length} bytes, more than the {FrameLimits.MaxPayload}-byte limit");
        }

        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max((int)length, _buffer.Length * 2)];
        }

        var body = ReadFully(_buffer, 0, (int)length);
        if (body < length)
        {
            throw new ProtocolException($"frame payload truncated: {body} of {length} bytes");
        }

        BytesRead += FrameLimits.HeaderSize + length;
        payload = new ReadOnlyMemory<byte>(_buffer, 0, (int)length);
        return true;
    }

    private int ReadFully(byte[] buffer, int offset, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = stream.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
