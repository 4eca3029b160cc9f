using System.Buffers.Binary;
using System.Diagnostics;
using Bench.Protocol;
using Bench.Protocol.Faults;

namespace Bench.Worker;

/// <summary>
/// Carries out injected faults (<see cref="FaultPlan"/>, off unless BENCH_FAULT is set) inside the worker:
/// kill itself, exit abruptly, hang, throw, or answer with a corrupt or oversized frame. Each fault first
/// writes one line to stderr, which the harness quotes in the cell's error.
/// </summary>
internal sealed class WorkerFaults(FaultPlan? plan, Stream output, TextWriter log)
{
    /// <summary>A claimed payload length of 2 GiB: far over <see cref="FrameLimits.MaxPayload"/>.</summary>
    public const uint OversizedLength = 0x8000_0000;

    private FaultPlan? Plan { get; } = plan;

    private TextWriter Log { get; } = log;

    public Scope For(string workload) => new(this, workload);

    /// <summary>The faults for the workload the worker was set up for.</summary>
    public readonly struct Scope(WorkerFaults owner, string workload)
    {
        /// <summary>Fires the item's fault, if any; returns true when the chunk's reply must be corrupted.</summary>
        public bool BeforeItem(int index)
        {
            if (owner.Plan?.TryFire(workload, index, FaultSite.Worker) is not { } fault)
            {
                return false;
            }

            owner.Log.WriteLine($"bench-worker {Environment.ProcessId}: injected fault {fault} fires at item {index}");
            owner.Log.Flush();
            switch (fault.Kind)
            {
                case FaultKind.KillWorker:
                    Process.GetCurrentProcess().Kill();
                    Thread.Sleep(Timeout.Infinite); // SIGKILL is asynchronous: never run the item
                    return false;
                case FaultKind.ExitWorker:
                    Environment.Exit(FaultPlan.InjectedExitCode);
                    return false;
                case FaultKind.Hang:
                    Thread.Sleep(Timeout.Infinite);
                    return false;
                case FaultKind.Throw:
                    throw new InjectedFaultException($"injected fault {fault} at item {index}");
                case FaultKind.CorruptFrame:
                    owner._reply = FaultKind.CorruptFrame;
                    return true;
                default:
                    owner._reply = FaultKind.OversizedFrame;
                    return true;
            }
        }

        public void SendCorruptReply() => owner.SendCorruptReply();
    }

    /// <summary>Which corrupt reply the pending chunk gets; the worker serves one chunk at a time.</summary>
    private FaultKind _reply;

    private void SendCorruptReply()
    {
        // Written raw, past FrameWriter, which would refuse to produce such frames.
        var bytes = new byte[FrameLimits.HeaderSize + 64];
        if (_reply == FaultKind.OversizedFrame)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, OversizedLength);
            bytes[4] = (byte)FrameType.Results;
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, 64);
            bytes[4] = 0xEE; // no such frame type
        }

        bytes.AsSpan(FrameLimits.HeaderSize).Fill(0xA5);
        output.Write(bytes);
        output.Flush();
    }
}
