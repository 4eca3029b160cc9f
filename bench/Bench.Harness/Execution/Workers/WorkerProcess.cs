using System.Diagnostics;
using Bench.Harness.Os;
using Bench.Protocol;
using Bench.Workloads.Contract;

namespace Bench.Harness.Execution.Workers;

/// <summary>
/// The harness's end of one worker process: frames out over its stdin, frames in from its stdout, and
/// the last lines of its stderr kept for error messages. Not thread-safe: one driver thread per worker.
/// Disposing closes stdin (the worker exits on its own) and kills it if it has not exited soon after.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int StderrLinesKept = 20;
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a dead worker's stderr may take to reach end of file (a busy machine delays the reader).</summary>
    private static readonly TimeSpan StderrDrain = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Queue<string> _stderr = new();
    private readonly ManualResetEventSlim _stderrClosed = new();
    private bool _disposed;
    private long _busySince;
    private int _busyItems;
    private int _busyFirst = -1;
    private TimeSpan? _killedAfter;

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
                _stderrClosed.Set();
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

    /// <summary>The worker's peak resident memory (VmHWM), read just before it was told to exit; null elsewhere than Linux.</summary>
    public long? PeakRssBytes { get; private set; }

    public long? ExitTimestamp { get; private set; }

    /// <summary>The worker's runtime counters over its whole life, from the last frame it sent on exit; null when it sent none (killed, or an older worker).</summary>
    public RuntimeCounters? FinalCounters { get; private set; }

    /// <summary>Timestamp at which the worker was sent its current request; 0 while idle (read by the hang watch).</summary>
    public long BusySince => Volatile.Read(ref _busySince);

    /// <summary>Items in the current request (0 during set-up): the hang watch allows each the item timeout.</summary>
    public int BusyItems => Volatile.Read(ref _busyItems);

    /// <summary>Bytes written to and read from this worker's pipes so far.</summary>
    public long PipeBytes => _reader.BytesRead + _writer.BytesWritten;

    /// <summary>Sends the workload and its runner parameters; waits for the worker to be ready.</summary>
    public void Setup(string workload, ParameterSet parameters)
    {
        Busy(-1, 0); // 0 items: the hang watch gives set-up (runtime start included) its own allowance
        Messages.SendSetup(_writer, workload, parameters.ToWire());
        var (type, payload) = Next();
        Idle();
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
        Busy(first, count);
        Messages.SendRun(_writer, first, count, outcome.Trace);
        var (type, payload) = Next();
        Idle();
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

    /// <summary>Asks the idle worker for its runtime counters (between batches: never while its driver runs a chunk).</summary>
    public RuntimeCounters ReadCounters()
    {
        Messages.SendCountersRequest(_writer);
        var (type, payload) = Next();
        return type == FrameType.Counters
            ? Messages.ReadCounters(payload)
            : throw new WorkerException($"worker {Pid} answered a counters request with {type}");
    }

    private void Busy(int first, int items)
    {
        // No string is built here: this is on every measured round trip.
        _busyFirst = first;
        Volatile.Write(ref _busyItems, items);
        Volatile.Write(ref _busySince, Math.Max(1, Stopwatch.GetTimestamp()));
    }

    private void Idle() => Volatile.Write(ref _busySince, 0);

    private string BusyWith => _busyFirst < 0 ? "set-up"
        : _busyItems == 1 ? $"item {_busyFirst}"
        : $"items {_busyFirst}..{_busyFirst + _busyItems - 1}";

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
            Idle();
            Kill();
            throw new WorkerException($"worker {Pid} sent a bad frame while running {BusyWith}: {e.Message}; its process was killed");
        }
        catch (IOException e)
        {
            Idle();
            throw new WorkerException(TimedOut() ?? $"worker {Pid} pipe failed while running {BusyWith}: {e.Message}{Describe()}");
        }

        Idle();
        throw new WorkerException(TimedOut() ?? $"worker {Pid} died while running {BusyWith}{Describe()}");
    }

    private string? TimedOut() => _killedAfter is { } timeout
        ? $"worker {Pid}: {BusyWith} did not finish within the {Faults.FaultPolicy.Seconds(timeout)} item timeout; its process tree was killed{Describe()}"
        : null;

    /// <summary>Called by the hang watch: records why, then kills the worker's process tree (its driver sees end of file).</summary>
    public void KillForTimeout(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _busySince, 0) == 0)
        {
            return; // it answered in the meantime
        }

        _killedAfter = timeout;
        Kill();
    }

    /// <summary>How the worker ended, and its last stderr lines, for an error message.</summary>
    private string Describe()
    {
        var exit = "";
        if (_process.WaitForExit(500))
        {
            var code = _process.ExitCode;
            exit = code > 128 ? $" (killed by signal {code - 128}{SignalName(code - 128)})" : $" (exit code {code})";
            // Its last words may still be in the pipe or in the reader's hands when the exit is seen
            // (WaitForExit with a timeout does not wait for the output): read stderr to its end, bounded.
            _stderrClosed.Wait(StderrDrain);
        }

        string[] lines;
        lock (_stderr)
        {
            lines = [.. _stderr];
        }

        return lines.Length == 0 ? exit : $"{exit}; last stderr: {string.Join(" | ", lines.TakeLast(3))}";
    }

    private static string SignalName(int signal) => signal switch
    {
        9 => ", SIGKILL",
        15 => ", SIGTERM",
        11 => ", SIGSEGV",
        6 => ", SIGABRT",
        2 => ", SIGINT",
        _ => "",
    };

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
        // The worker's own peak, read while it is alive: VmHWM starts afresh at exec, so unlike the
        // reaped child's ru_maxrss it does not count the harness pages the fork briefly shared.
        PeakRssBytes = LinuxResourceUsage.PeakRssBytes(Pid);
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
        FinalCounters = LastCounters();
        _process.Dispose(); // _stderrClosed stays undisposed: the reader may still signal end of file after this
    }

    /// <summary>The Counters frame a worker sends as it exits: read after the exit, so the pipe holds all it will ever hold and the read cannot block.</summary>
    private RuntimeCounters? LastCounters()
    {
        try
        {
            RuntimeCounters? last = null;
            while (_reader.TryRead(out var type, out var payload))
            {
                if (type == FrameType.Counters)
                {
                    last = Messages.ReadCounters(payload);
                }
            }

            return last;
        }
        catch (Exception e) when (e is ProtocolException or IOException or ObjectDisposedException)
        {
            return null; // killed mid-frame, or its pipe already gone: no counters, not an error
        }
    }
}

/// <summary>A worker died, hung up, or broke the protocol: the cell fails with this message.</summary>
public sealed class WorkerException(string message) : Exception(message);
