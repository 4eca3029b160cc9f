using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Io;

/// <summary>
/// Each item asks the session's <see cref="LoopbackServer"/> (over a kept-alive connection) for its payload, waits for
/// the server's latency and reads the answer; it returns the payload's hash. Blocking sockets in the
/// blocking form, async sockets in the async form. Ideal batch time: ⌈n/W⌉·latency.
/// </summary>
public sealed class NetIoWorkload : IWorkload
{
    /// <summary>Runner parameter: the server's port on 127.0.0.1 (set by the session).</summary>
    public const string PortParameter = "port";

    public WorkloadInfo Info { get; } = new(
        "net-io",
        "each item asks a TCP server on 127.0.0.1 for a deterministic payload that arrives after a latency; blocking or async sockets",
        WorkloadCategory.IoBound,
        HasAsyncForm: true,
        [
            ParameterSpec.Integer("items", "requests per batch", 64, 1, 100_000, quick: 8),
            ParameterSpec.Integer("latency", "server wait before each answer", 10, 0, 10_000, quick: 5, unit: "ms"),
            ParameterSpec.Integer("payload", "bytes per answer", 16 * 1024, 1, 16L * 1024 * 1024, unit: "bytes"),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(
        new IPEndPoint(IPAddress.Loopback, runnerParameters.GetInt32(PortParameter)), runnerParameters.GetInt32("payload"));

    /// <summary>
    /// Keeps connections open between items, as an HTTP client keeps them alive: an item takes an idle
    /// connection (or opens one), so W concurrent items hold W connections and a batch measures
    /// waiting, not TCP handshakes. Thread-safe: the idle set is a concurrent bag.
    /// </summary>
    private sealed class Runner(IPEndPoint server, int payloadBytes) : IItemRunner
    {
        // A stack, not a ConcurrentBag: the bag keeps a list per thread that ever touched it and steals
        // across them, and the `threads` strategy starts a new thread per item — a socket released by a
        // thread that has exited would sit in a dead thread's list.
        private readonly ConcurrentStack<Socket> _idle = new();
        private bool _disposed;

        public long Run(int index)
        {
            if (!_idle.TryPop(out var socket))
            {
                socket = NewSocket();
                socket.Connect(server);
            }

            try
            {
                Span<byte> request = stackalloc byte[LoopbackServer.RequestBytes];
                LoopbackServer.WriteRequest(request, index);
                socket.Send(request);
                var rented = ArrayPool<byte>.Shared.Rent(payloadBytes);
                try
                {
                    var payload = rented.AsSpan(0, payloadBytes);
                    for (var read = 0; read < payload.Length;)
                    {
                        var n = socket.Receive(payload[read..]);
                        read += n > 0 ? n : throw new IOException($"server closed the connection after {read} of {payload.Length} bytes");
                    }

                    Release(socket);
                    return (long)DeterministicBytes.Hash(payload);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
        {
            if (!_idle.TryPop(out var socket))
            {
                socket = NewSocket();
                await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var request = new byte[LoopbackServer.RequestBytes];
                LoopbackServer.WriteRequest(request, index);
                await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                var rented = ArrayPool<byte>.Shared.Rent(payloadBytes);
                try
                {
                    var payload = rented.AsMemory(0, payloadBytes);
                    for (var read = 0; read < payload.Length;)
                    {
                        var n = await socket.ReceiveAsync(payload[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
                        read += n > 0 ? n : throw new IOException($"server closed the connection after {read} of {payload.Length} bytes");
                    }

                    Release(socket);
                    return (long)DeterministicBytes.Hash(payload.Span);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

        private void Release(Socket socket)
        {
            _idle.Push(socket);
            if (Volatile.Read(ref _disposed))
            {
                DisposeIdle();
            }
        }

        private void DisposeIdle()
        {
            while (_idle.TryPop(out var socket))
            {
                socket.Dispose();
            }
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            DisposeIdle();
        }
    }

    private sealed class Session : IWorkloadSession
    {
        private readonly LoopbackServer _server;
        private readonly int _payload;
        private readonly int _latencyMs;
        private long[]? _expected;

        public Session(ParameterSet parameters)
        {
            ItemCount = parameters.GetInt32("items");
            _payload = parameters.GetInt32("payload");
            _latencyMs = parameters.GetInt32("latency");
            _server = new LoopbackServer(_payload, TimeSpan.FromMilliseconds(_latencyMs));
            RunnerParameters = parameters.With(PortParameter, _server.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public int ItemCount { get; }

        public ParameterSet RunnerParameters { get; }

        public void BeforeBatch()
        {
        }

        public TimeSpan? IdealBatchTime(int workers) =>
            TimeSpan.FromMilliseconds((double)((ItemCount + workers - 1) / workers) * _latencyMs);

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            _expected ??= Enumerable.Range(0, ItemCount).Select(i => DeterministicBytes.ExpectedHash(i, _payload)).ToArray();
            return HashValidation.Compare(_expected, itemResults);
        }

        public void Dispose() => _server.Dispose();
    }
}
