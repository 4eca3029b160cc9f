using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bench.Workloads.Io;

/// <summary>
/// An HTTP/1.1 target for I/O-bound workloads that use <c>HttpClient</c>: 127.0.0.1 on an ephemeral port
/// (never a reachable interface), <c>GET /items/{n}</c> answers item n's <see cref="DeterministicBytes"/>
/// payload a fixed latency after the request arrived, as a remote service would. Keep-alive, one async
/// loop per connection, so thousands of clients can wait at once without a thread each. It speaks only
/// what HttpClient sends for a GET; anything else gets 400 and the connection closes. The latency counts
/// from receipt (an HTTP request carries no send stamp, unlike <see cref="LoopbackServer"/>'s).
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private const int MaxHeadBytes = 16 * 1024;

    private readonly Socket _listener;
    private readonly int _payloadBytes;
    private readonly TimeSpan _latency;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private readonly Task _acceptLoop;
    private readonly DelayLine _delayLine = new("http latency");

    public LoopbackHttpServer(int payloadBytes, TimeSpan latency, int backlog = 1024)
    {
        _payloadBytes = payloadBytes;
        _latency = latency;
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

    public IPEndPoint Endpoint { get; }

    /// <summary>The address of item <paramref name="item"/>: <c>http://127.0.0.1:{port}/items/{item}</c>.</summary>
    public static Uri ItemUri(int port, long item) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/items/{item}"));

    /// <summary>The hash (<see cref="DeterministicBytes.Hash"/>) an answer for <paramref name="item"/> of <paramref name="payloadBytes"/> bytes has.</summary>
    public static long ExpectedHash(long item, int payloadBytes) => DeterministicBytes.ExpectedHash(item, payloadBytes);

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
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        var payload = new byte[_payloadBytes];
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {_payloadBytes}\r\n\r\n"));
        try
        {
            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                    {
                        await RefuseAsync(connection).ConfigureAwait(false);
                        return;
                    }

                    var n = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return; // the client closed the connection
                    }

                    filled += n;
                }

                var received = Stopwatch.GetTimestamp();
                if (ItemOf(buffer.AsSpan(0, end)) is not { } item)
                {
                    await RefuseAsync(connection).ConfigureAwait(false);
                    return;
                }

                // A GET has no body: what follows the head is the next request (pipelining).
                var consumed = end + 4;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;

                DeterministicBytes.Fill(payload, item);
                if (_latency > TimeSpan.Zero)
                {
                    await _delayLine.WaitUntilAsync(received + (long)(_latency.TotalSeconds * Stopwatch.Frequency)).ConfigureAwait(false);
                }

                await connection.SendAsync(header, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                await connection.SendAsync(payload, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    /// <summary>The item of "GET /items/{n} HTTP/1.1", or null for any other request line.</summary>
    private static long? ItemOf(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(lineEnd < 0 ? head : head[..lineEnd]);
        const string prefix = "GET /items/";
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || !line.EndsWith(" HTTP/1.1", StringComparison.Ordinal))
        {
            return null;
        }

        var number = line.AsSpan(prefix.Length, line.Length - prefix.Length - " HTTP/1.1".Length);
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var item) ? item : null;
    }

    private async Task RefuseAsync(Socket connection) =>
        await connection.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), SocketFlags.None, _stopping.Token).ConfigureAwait(false);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        _delayLine.Dispose();
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }
}
