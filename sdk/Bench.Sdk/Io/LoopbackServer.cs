using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bench.Workloads.Io;

/// <summary>
/// The <c>net-io</c> workload's server: TCP on 127.0.0.1 and an ephemeral port, nothing else — the
/// address is not a parameter, so it cannot be bound to a reachable interface by mistake. A request
/// is 16 bytes, little-endian: the item number and the <see cref="Stopwatch"/> timestamp at which the
/// client sent it (one monotonic clock for every process of the machine). The answer is that item's
/// deterministic payload, released by a <see cref="DelayLine"/> <c>latency</c> after the request was
/// sent — as a remote server's answer would arrive: the simulated latency covers the request's trip and
/// the server's work. Counting from the server's receipt instead would add this in-process server's own
/// receive path (an epoll wake-up and a ThreadPool hop, competing with the client for the same cores) to
/// every item, a cost no remote server puts on its client (docs/perf-notes.md). A stamp later than the receipt counts from the receipt,
/// so no client can delay an answer beyond its latency. A connection may carry several requests.
/// Every connection is served by its own async loop, so thousands can wait at once without a thread each.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    public const int RequestBytes = 16;

    /// <summary>Writes a request for <paramref name="item"/>, stamped now: to be sent at once.</summary>
    public static void WriteRequest(Span<byte> request, long item) => WriteRequest(request, item, Stopwatch.GetTimestamp());

    /// <summary>Writes a request for <paramref name="item"/> stamped <paramref name="sentTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void WriteRequest(Span<byte> request, long item, long sentTimestamp)
    {
        BinaryPrimitives.WriteInt64LittleEndian(request, item);
        BinaryPrimitives.WriteInt64LittleEndian(request[8..], sentTimestamp);
    }

    private static (long Item, long SentTimestamp) ReadRequest(ReadOnlySpan<byte> request) =>
        (BinaryPrimitives.ReadInt64LittleEndian(request), BinaryPrimitives.ReadInt64LittleEndian(request[8..]));

    private readonly Socket _listener;
    private readonly int _payloadBytes;
    private readonly long _latencyTicks;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private readonly Task _acceptLoop;
    private readonly DelayLine _delayLine = new("net-io latency");

    /// <param name="payloadBytes">Bytes per answer.</param>
    /// <param name="latency">Wait before each answer: the simulated network and server time.</param>
    /// <param name="backlog">Pending connections the kernel queues; well above the 256 concurrent clients required.</param>
    public LoopbackServer(int payloadBytes, TimeSpan latency, int backlog = 1024)
    {
        _payloadBytes = payloadBytes;
        _latencyTicks = (long)(latency.TotalSeconds * Stopwatch.Frequency);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(backlog);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the server listens: always 127.0.0.1.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Connections open right now (for tests of concurrency).</summary>
    public int OpenConnections => _connections.Count;

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                connection.NoDelay = true;
                _connections.TryAdd(connection, 0);
                _ = ServeAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        var request = new byte[RequestBytes];
        var payload = new byte[_payloadBytes];
        try
        {
            while (await ReceiveExactlyAsync(connection, request).ConfigureAwait(false))
            {
                var received = Stopwatch.GetTimestamp();
                var (item, stamp) = ReadRequest(request);
                var sent = Math.Min(stamp, received);
                DeterministicBytes.Fill(payload, item);
                if (_latencyTicks > 0)
                {
                    await _delayLine.WaitUntilAsync(sent + _latencyTicks).ConfigureAwait(false);
                }

                await connection.SendAsync(payload, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: either way this connection is done.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    /// <summary>False when the peer closed the connection before sending anything.</summary>
    private async Task<bool> ReceiveExactlyAsync(Socket connection, Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await connection.ReceiveAsync(buffer[read..], SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 ? false : throw new SocketException((int)SocketError.ConnectionReset);
            }

            read += n;
        }

        return true;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        _delayLine.Dispose(); // cancels answers still waiting out their latency
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }
}
