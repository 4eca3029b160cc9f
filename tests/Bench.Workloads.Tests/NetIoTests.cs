using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Bench.Workloads.Contract;
using Bench.Workloads.Io;

namespace Bench.Workloads.Tests;

public sealed class NetIoTests
{
    [Fact]
    public void Server_binds_loopback_only_by_construction()
    {
        // No constructor takes an address: there is nothing to pass 0.0.0.0 to.
        foreach (var constructor in typeof(LoopbackServer).GetConstructors())
        {
            Assert.DoesNotContain(constructor.GetParameters(), p => p.ParameterType == typeof(IPAddress) || p.ParameterType == typeof(EndPoint) || p.ParameterType == typeof(IPEndPoint) || p.ParameterType == typeof(string));
        }

        using var server = new LoopbackServer(16, TimeSpan.Zero);
        Assert.Equal(IPAddress.Loopback, server.Endpoint.Address);

        // And it is unreachable through any non-loopback address of this machine.
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        foreach (var address in others)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.ThrowsAny<SocketException>(() => client.Connect(new IPEndPoint(address, server.Endpoint.Port)));
        }
    }

    [Fact]
    public async Task Server_serves_256_concurrent_connections()
    {
        const int clients = 256, payload = 1000;
        using var server = new LoopbackServer(payload, TimeSpan.FromMilliseconds(300));
        var sockets = new Socket[clients];
        try
        {
            for (var i = 0; i < clients; i++)
            {
                sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await sockets[i].ConnectAsync(server.Endpoint);
            }

            // Every request is sent before any answer can arrive (each waits 300 ms): all 256 are open
            // and waiting at once. Served one at a time, this would take 77 s.
            var answers = sockets.Select((socket, i) => AskAsync(socket, i, payload)).ToArray();
            var all = Task.WhenAll(answers);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))));
            var hashes = await all;
            for (var i = 0; i < clients; i++)
            {
                Assert.Equal(DeterministicBytes.ExpectedHash(i, payload), hashes[i]);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    private static async Task<long> AskAsync(Socket socket, int item, int payload, long? stamp = null)
    {
        var request = new byte[LoopbackServer.RequestBytes];
        LoopbackServer.WriteRequest(request, item, stamp ?? System.Diagnostics.Stopwatch.GetTimestamp());

        await socket.SendAsync(request);
        var buffer = new byte[payload];
        for (var read = 0; read < payload;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read));
            read += n > 0 ? n : throw new IOException("closed early");
        }

        return (long)DeterministicBytes.Hash(buffer);
    }

    [Fact]
    public async Task Latency_counts_from_the_clients_stamp_and_a_future_stamp_from_the_receipt()
    {
        // Like a remote server's answer: `latency` after the request left the client, whatever the server's
        // own receive path cost. A stamp from the future cannot hold an answer back beyond its latency.
        const int payload = 100;
        var latency = TimeSpan.FromMilliseconds(1500);
        using var server = new LoopbackServer(payload, latency);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Endpoint);
        long Ago(TimeSpan t) => System.Diagnostics.Stopwatch.GetTimestamp() - (long)(t.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Equal(DeterministicBytes.ExpectedHash(1, payload), await AskAsync(socket, 1, payload, stamp: Ago(TimeSpan.FromMilliseconds(1000))));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(sent);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(500), $"answered {elapsed.TotalMilliseconds:F0} ms after a request stamped 1000 ms ago: early");
        Assert.True(elapsed < TimeSpan.FromMilliseconds(1400), $"answered {elapsed.TotalMilliseconds:F0} ms after a request stamped 1000 ms ago: the stamp was ignored");

        sent = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Equal(DeterministicBytes.ExpectedHash(2, payload), await AskAsync(socket, 2, payload, stamp: Ago(TimeSpan.FromHours(-1))));
        elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(sent);
        Assert.True(elapsed >= latency, $"answered {elapsed.TotalMilliseconds:F0} ms after a request stamped in the future: early");
        Assert.True(elapsed < TimeSpan.FromSeconds(30), "a request stamped an hour ahead was held back by its stamp");
    }

    [Fact]
    public async Task Workload_validates_both_forms_and_rejects_a_wrong_payload_hash()
    {
        var workload = new NetIoWorkload();
        var parameters = ParameterSet.From(new Dictionary<string, string> { ["items"] = "6", ["latency"] = "1", ["payload"] = "3000" });
        using var session = workload.Open(parameters, new SessionShape(2, false));
        using var runner = workload.CreateRunner(session.RunnerParameters);
        var results = Enumerable.Range(0, 6).Select(runner.Run).ToArray();
        Assert.True(session.Validate(results).Ok);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(results[i], await runner.RunAsync(i, CancellationToken.None));
        }

        results[0] = ~results[0];
        Assert.False(session.Validate(results).Ok);
        Assert.Equal(TimeSpan.FromMilliseconds(3), session.IdealBatchTime(2));
    }

    [Fact]
    public async Task Delay_line_never_answers_early_and_keeps_order()
    {
        // "After latency" is a lower bound: an answer released before its deadline would make a strategy
        // look faster than the ideal. Lateness is machine-dependent and belongs to the perf probe.
        using var line = new DelayLine("test");
        var delay = TimeSpan.FromMilliseconds(5);
        var waits = new List<Task<TimeSpan>>();
        for (var i = 0; i < 40; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            waits.Add(line.WaitAsync(delay).ContinueWith(_ => System.Diagnostics.Stopwatch.GetElapsedTime(start), TaskScheduler.Default));
            if (i % 8 == 0)
            {
                await Task.Delay(1);
            }
        }

        var elapsed = await Task.WhenAll(waits);
        Assert.All(elapsed, e => Assert.True(e >= delay, $"released after {e.TotalMilliseconds:F3} ms, before the {delay.TotalMilliseconds} ms deadline"));
    }

    [Fact]
    public async Task Delay_line_releases_an_earlier_deadline_queued_after_a_later_one()
    {
        // Client-stamped requests reach the server slightly out of order: the line must not hold an answer
        // behind one due later.
        using var line = new DelayLine("test");
        var later = line.WaitAsync(TimeSpan.FromSeconds(20));
        var earlier = line.WaitAsync(TimeSpan.FromMilliseconds(50));
        Assert.Same(earlier, await Task.WhenAny(earlier, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(later.IsCompleted);
    }

    [Fact]
    public async Task Delay_line_cancels_what_is_still_waiting_when_disposed()
    {
        var line = new DelayLine("test");
        var wait = line.WaitAsync(TimeSpan.FromSeconds(30));
        line.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => line.WaitAsync(TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Latency_over_ten_seconds_is_refused()
    {
        WorkloadRegistry.Resolve(new NetIoWorkload(), new Dictionary<string, string> { ["latency"] = "10001" }, quick: false, out var error);
        Assert.NotNull(error);
        Assert.Contains("10000", error);
    }
}
