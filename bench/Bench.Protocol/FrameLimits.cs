namespace Bench.Protocol;

public static class FrameLimits
{
    /// <summary>Header: 4-byte length + 1-byte type.</summary>
    public const int HeaderSize = 5;

    /// <summary>
    /// Largest payload either side accepts. A frame that claims more is rejected before anything is
    /// allocated: a corrupt or hostile length must not make the harness allocate gigabytes.
    /// Large data (images) travels through shared memory, not frames.
    /// </summary>
    public const int MaxPayload = 16 * 1024 * 1024;

    /// <summary>Largest chunk of items in one Run frame, so a Results frame stays under <see cref="MaxPayload"/>.</summary>
    public const int MaxChunk = 65_536;
}

/// <summary>The peer sent something that is not a valid frame: the connection cannot be trusted any more.</summary>
public sealed class ProtocolException(string message) : Exception(message);
