using System.Buffers.Binary;
using System.Text;

namespace Bench.Protocol;

/// <summary>Encoders and decoders for each frame's payload, kept beside each other so both sides agree.</summary>
public static class Messages
{
    public const byte TraceFlag = 1;

    public static void SendSetup(FrameWriter writer, string workload, byte[] parameters)
    {
        var name = Encoding.UTF8.GetBytes(workload);
        var payload = writer.Payload(2 + name.Length + parameters.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(payload, (ushort)name.Length);
        name.CopyTo(payload[2..]);
        parameters.CopyTo(payload[(2 + name.Length)..]);
        writer.Send(FrameType.Setup, payload.Length);
    }

    public static (string Workload, ReadOnlyMemory<byte> Parameters) ReadSetup(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < 2)
        {
            throw new ProtocolException("setup frame too short");
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span);
        if (span.Length < 2 + nameLength)
        {
            throw new ProtocolException("setup frame name truncated");
        }

        return (Encoding.UTF8.GetString(span.Slice(2, nameLength)), payload[(2 + nameLength)..]);
    }

    public static void SendReady(FrameWriter writer, int pid, long readyTimestamp)
    {
        var payload = writer.Payload(12);
        BinaryPrimitives.WriteInt32LittleEndian(payload, pid);
        BinaryPrimitives.WriteInt64LittleEndian(payload[4..], readyTimestamp);
        writer.Send(FrameType.Ready, 12);
    }

    public static (int Pid, long ReadyTimestamp) ReadReady(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length != 12)
        {
            throw new ProtocolException($"ready frame has {span.Length} bytes, expected 12");
        }

        return (BinaryPrimitives.ReadInt32LittleEndian(span), BinaryPrimitives.ReadInt64LittleEndian(span[4..]));
    }

    public static void SendRun(FrameWriter writer, int first, int count, bool trace)
    {
        var payload = writer.Payload(9);
        BinaryPrimitives.WriteInt32LittleEndian(payload, first);
        BinaryPrimitives.WriteInt32LittleEndian(payload[4..], count);
        payload[8] = trace ? TraceFlag : (byte)0;
        writer.Send(FrameType.Run, 9);
    }

    public static (int First, int Count, bool Trace) ReadRun(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length != 9)
        {
            throw new ProtocolException($"run frame has {span.Length} bytes, expected 9");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (count <= 0 || count > FrameLimits.MaxChunk)
        {
            throw new ProtocolException($"run frame asks for {count} items");
        }

        return (BinaryPrimitives.ReadInt32LittleEndian(span), count, (span[8] & TraceFlag) != 0);
    }

    public static int ResultsSize(int count, bool trace) => 8 + count * (trace ? 24 : 8);

    /// <summary>Layout of a Results payload; the worker fills results (and timestamps) in place.</summary>
    public static void WriteResultsHeader(Span<byte> payload, int first, int count)
    {
        BinaryPrimitives.WriteInt32LittleEndian(payload, first);
        BinaryPrimitives.WriteInt32LittleEndian(payload[4..], count);
    }

    public static void WriteResult(Span<byte> payload, int slot, long value) =>
        BinaryPrimitives.WriteInt64LittleEndian(payload[(8 + slot * 8)..], value);

    public static void WriteTimes(Span<byte> payload, int count, int slot, long start, long end)
    {
        var at = 8 + count * 8 + slot * 16;
        BinaryPrimitives.WriteInt64LittleEndian(payload[at..], start);
        BinaryPrimitives.WriteInt64LittleEndian(payload[(at + 8)..], end);
    }

    /// <summary>Decodes a Results payload, checking that its size matches the count it claims.</summary>
    public static ResultsView ReadResults(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < 8)
        {
            throw new ProtocolException("results frame too short");
        }

        var first = BinaryPrimitives.ReadInt32LittleEndian(span);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (count <= 0 || count > FrameLimits.MaxChunk)
        {
            throw new ProtocolException($"results frame claims {count} items");
        }

        bool trace;
        if (span.Length == ResultsSize(count, false))
        {
            trace = false;
        }
        else if (span.Length == ResultsSize(count, true))
        {
            trace = true;
        }
        else
        {
            throw new ProtocolException($"results frame of {span.Length} bytes does not fit {count} items");
        }

        return new ResultsView(payload, first, count, trace);
    }

    public static void SendCountersRequest(FrameWriter writer) => writer.Send(FrameType.CountersRequest, 0);

    public static void SendCounters(FrameWriter writer, RuntimeCounters counters)
    {
        var size = 2 + RuntimeCounters.FieldCount * 8;
        counters.Write(writer.Payload(size));
        writer.Send(FrameType.Counters, size);
    }

    public static RuntimeCounters ReadCounters(ReadOnlyMemory<byte> payload) => RuntimeCounters.Parse(payload.Span);

    public static void SendError(FrameWriter writer, int index, string message)
    {
        var text = Encoding.UTF8.GetBytes(message.Length > 4000 ? message[..4000] : message);
        var payload = writer.Payload(4 + text.Length);
        BinaryPrimitives.WriteInt32LittleEndian(payload, index);
        text.CopyTo(payload[4..]);
        writer.Send(FrameType.Error, payload.Length);
    }

    public static (int Index, string Message) ReadError(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < 4)
        {
            throw new ProtocolException("error frame too short");
        }

        return (BinaryPrimitives.ReadInt32LittleEndian(span), Encoding.UTF8.GetString(span[4..]));
    }
}

/// <summary>A decoded Results frame over the reader's buffer (valid until the next read).</summary>
public readonly struct ResultsView(ReadOnlyMemory<byte> payload, int first, int count, bool trace)
{
    public int First => first;

    public int Count => count;

    public bool HasTrace => trace;

    public long Result(int slot) => BinaryPrimitives.ReadInt64LittleEndian(payload.Span[(8 + slot * 8)..]);

    public (long Start, long End) Times(int slot)
    {
        var at = 8 + count * 8 + slot * 16;
        var span = payload.Span;
        return (BinaryPrimitives.ReadInt64LittleEndian(span[at..]), BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]));
    }
}
