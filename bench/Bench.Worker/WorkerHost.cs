using System.Diagnostics;
using Bench.Protocol;
using Bench.Protocol.Faults;
using Bench.Workloads;
using Bench.Workloads.Contract;

namespace Bench.Worker;

/// <summary>
/// Serves the harness: a Setup frame makes a runner for a workload, each Run frame executes a
/// contiguous chunk of items on this (single) thread and answers with one Results frame. A failing
/// item answers with an Error frame and the worker stays usable. A CountersRequest frame is answered
/// with the worker's runtime counters. End of stdin ends the worker (after a last Counters frame), so a
/// harness that dies leaves no worker behind; the <see cref="Lifeline"/> covers a worker busy in a
/// long item when that happens.
/// </summary>
public static class WorkerHost
{
    public const int ExitOk = 0;
    public const int ExitProtocolError = 3;

    public static int Serve(Stream input, Stream output, TextWriter log)
    {
        Lifeline.Watch();
        var reader = new FrameReader(input);
        var writer = new FrameWriter(output);
        var faults = new WorkerFaults(FaultPlan.FromEnvironment(), output, log);
        IItemRunner? runner = null;
        var workloadName = "";
        try
        {
            while (reader.TryRead(out var type, out var payload))
            {
                switch (type)
                {
                    case FrameType.Setup:
                        runner?.Dispose();
                        runner = null;
                        var (workload, wire) = Messages.ReadSetup(payload);
                        workloadName = workload;
                        try
                        {
                            runner = WorkloadRegistry.CreateRunner(WorkloadRegistry.Get(workload), ParameterSet.FromWire(wire.Span));
                            Messages.SendReady(writer, Environment.ProcessId, Stopwatch.GetTimestamp());
                        }
                        catch (Exception e) when (e is not ProtocolException)
                        {
                            Messages.SendError(writer, -1, $"set-up of '{workload}' failed: {e.GetType().Name}: {e.Message}");
                        }

                        break;
                    case FrameType.Run:
                        var (first, count, trace) = Messages.ReadRun(payload);
                        if (runner is null)
                        {
                            Messages.SendError(writer, first, "run before a successful set-up");
                            break;
                        }

                        RunChunk(runner, writer, first, count, trace, faults.For(workloadName));
                        break;
                    case FrameType.CountersRequest:
                        Messages.SendCounters(writer, RuntimeCounters.Read());
                        break;
                    default:
                        throw new ProtocolException($"unexpected {type} frame from the harness");
                }
            }

            // The last frame: this worker's counters over its whole life, for a harness that retires it
            // mid-batch (the processes strategy) and cannot ask between batches. One that does not read it
            // loses nothing: the pipe is closing.
            Messages.SendCounters(writer, RuntimeCounters.Read());
            return ExitOk;
        }
        catch (ProtocolException e)
        {
            log.WriteLine($"bench-worker: protocol error: {e.Message}");
            return ExitProtocolError;
        }
        catch (IOException e)
        {
            // The harness closed its end while we wrote: it is gone or done with us.
            log.WriteLine($"bench-worker: pipe closed: {e.Message}");
            return ExitOk;
        }
        finally
        {
            runner?.Dispose();
        }
    }

    private static void RunChunk(IItemRunner runner, FrameWriter writer, int first, int count, bool trace, WorkerFaults.Scope faults)
    {
        var corruptReply = false;
        // Results are written straight into the outgoing frame's buffer: no per-item allocation.
        var size = Messages.ResultsSize(count, trace);
        var payload = writer.Payload(size);
        Messages.WriteResultsHeader(payload, first, count);
        for (var slot = 0; slot < count; slot++)
        {
            var index = first + slot;
            long start = trace ? Stopwatch.GetTimestamp() : 0;
            long result;
            try
            {
                corruptReply |= faults.BeforeItem(index);
                result = runner.Run(index);
            }
            catch (Exception e)
            {
                Messages.SendError(writer, index, $"{e.GetType().Name}: {e.Message}");
                return;
            }

            Messages.WriteResult(writer.Payload(size), slot, result);
            if (trace)
            {
                Messages.WriteTimes(writer.Payload(size), count, slot, start, Stopwatch.GetTimestamp());
            }
        }

        if (corruptReply)
        {
            faults.SendCorruptReply();
            return;
        }

        writer.Send(FrameType.Results, size);
    }
}
