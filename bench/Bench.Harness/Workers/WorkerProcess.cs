using System.Diagnostics;
using Bench.Harness.Execution;
using Bench.Protocol;
using Bench.Workloads.Contract;

namespace Bench.Harness.Workers;

/// <summary>
/// The harness's end of one worker process: frames out over its stdin, frames in from its stdout, and
/// the last lines of its stderr kept for error messages. Not thread-safe: one driver thread per worker.
/// Disposing closes stdin (the worker exits on its own) and kills it if it has not exited soon after.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int StderrLinesKept = 20;
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Queue<string> _stderr = new();
    private bool _disposed;

    internal WorkerProcess(Process process, long spawnTimestamp)
    {
        _process = process;
        SpawnTimestamp = spawnTimestamp;
        Pid = process.Id;
        _reader = new FrameReader(process.StandardOutput.BaseStream);
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > StderrLinesKept)
                {
                    _stderr.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public int Pid { get; }

    public long SpawnTimestamp { get; }

    public long? ReadyTimestamp { get; private set; }

    public long? ExitTimestamp { get; private set; }

    /// <summary>Bytes written to and read from this worker's pipes so far.</summary>
    public long PipeBytes => _reader.BytesRead + _writer.BytesWritten;

    /// <summary>Sends the workload and its runner parameters; waits for the worker to be ready.</summary>
    public void Setup(string workload, ParameterSet parameters)
    {
        Messages.SendSetup(_writer, workload, parameters.ToWire());
        var (type, payload) = Next();
        switch (type)
        {
            case FrameType.Ready:
                ReadyTimestamp = Messages.ReadReady(payload).ReadyTimestamp;
                break;
            case FrameType.Error:
                throw new WorkerException($"worker {Pid}: {Messages.ReadError(payload).Message}");
            default:
                throw new WorkerException($"worker {Pid} answered set-up with {type}");
        }
    }

    /// <summary>Runs items [first, first+count) and records their results in <paramref name="outcome"/>.</summary>
    public void Run(int first, int count, BatchOutcome outcome)
    {
        Messages.SendRun(_writer, first, count, outcome.Trace);
        var (type, payload) = Next();
        switch (type)
        {
            case FrameType.Results:
                var results = Messages.ReadResults(payload);
                if (results.First != first || results.Count != count)
                {
                    throw new WorkerException($"worker {Pid} answered items {results.First}+{results.Count} to a request for {first}+{count}");
                }

                for (var slot = 0; slot < count; slot++)
                {
                    outcome.Record(first + slot, results.Result(slot));
                    if (results.HasTrace)
                    {
                        var (start, end) = results.Times(slot);
                        outcome.TraceItem(first + slot, $"pid {Pid}", start, end);
                    }
                }

                break;
            case FrameType.Error:
                var (index, message) = Messages.ReadError(payload);
                outcome.Fail($"item {index} in worker {Pid}: {message}");
                break;
            default:
                throw new WorkerException($"worker {Pid} answered a run with {type}");
        }
    }

    private (FrameType Type, ReadOnlyMemory<byte> Payload) Next()
    {
        try
        {
            if (_reader.TryRead(out var type, out var payload))
            {
                return (type, payload);
            }
        }
        catch (ProtocolException e)
        {
            Kill();
            throw new WorkerException($"worker {Pid} sent a bad frame: {e.Message}");
        }
        catch (IOException e)
        {
            throw new WorkerException($"worker {Pid} pipe failed: {e.Message}{Describe()}");
        }

        throw new WorkerException($"worker {Pid} closed its output{Describe()}");
    }

    /// <summary>How the worker ended, and its last stderr lines, for an error message.</summary>
    private string Describe()
    {
        var exit = "";
        if (_process.WaitForExit(500))
        {
            var code = _process.ExitCode;
            exit = code > 128 ? $" (killed by signal {code - 128})" : $" (exit code {code})";
        }

        string[] lines;
        lock (_stderr)
        {
            lines = [.. _stderr];
        }

        return lines.Length == 0 ? exit : $"{exit}; stderr: {string.Join(" | ", lines.TakeLast(3))}";
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Its end of the pipe is already closed: it is gone.
        }

        if (!_process.WaitForExit(ExitGrace))
        {
            Kill();
            _process.WaitForExit();
        }

        ExitTimestamp = Stopwatch.GetTimestamp();
        _process.Dispose();
    }
}

/// <summary>A worker died, hung up, or broke the protocol: the cell fails with this message.</summary>
public sealed class WorkerException(string message) : Exception(message);
