namespace Bench.Protocol;

/// <summary>
/// Frame kinds. A frame on the wire is: uint32 little-endian payload length, one byte of
/// <see cref="FrameType"/>, then the payload. The length excludes the 5-byte header.
/// </summary>
public enum FrameType : byte
{
    /// <summary>Harness → worker: workload name and runner parameters; answered by <see cref="Ready"/>.</summary>
    Setup = 1,

    /// <summary>Worker → harness: int32 pid, int64 timestamp when the runner was ready.</summary>
    Ready = 2,

    /// <summary>Harness → worker: int32 first item, int32 count, byte flags (1 = trace).</summary>
    Run = 3,

    /// <summary>Worker → harness: int32 first item, int32 count, count × int64 result, and with trace
    /// count × (int64 start, int64 end) timestamps on the shared monotonic clock.</summary>
    Results = 4,

    /// <summary>Worker → harness: int32 item index (−1 for set-up), UTF-8 message.</summary>
    Error = 5,

    /// <summary>Harness → worker, between batches: send your runtime counters (empty payload). Optional:
    /// a harness that never asks gets none, and the frames above are unchanged.</summary>
    CountersRequest = 6,

    /// <summary>Worker → harness: uint16 field count, then that many int64 <see cref="RuntimeCounters"/>
    /// fields; the answer to <see cref="CountersRequest"/>, and sent unasked as the worker's last frame
    /// when its stdin ends.</summary>
    Counters = 7,
}
