using System.Globalization;
using Bench.Workloads.Authoring;
using Bench.Workloads.Contract;
using Bench.Workloads.Io;

namespace HttpWork;

/// <summary>
/// One HTTP GET per item with HttpClient against a loopback server that answers after a fixed latency:
/// the I/O-bound case, in a blocking form (HttpClient.Send, a thread waits) and an async one
/// (GetByteArrayAsync, no thread waits). The result is a hash of the body, checked against the
/// single-threaded reference.
/// </summary>
public sealed class HttpGetWorkload : ItemWorkload
{
    public override WorkloadInfo Info { get; } = new(
        "http-get",
        "HttpClient GET per item against a loopback HTTP server with a fixed latency; I/O-bound, blocking and async",
        WorkloadCategory.IoBound,
        HasAsyncForm: true,
        [
            ParameterSpec.Integer("items", "requests per batch", 64, 1, 10_000, quick: 16),
            ParameterSpec.Integer("latency", "server latency per request", 20, 0, 10_000, quick: 10, unit: "ms"),
            ParameterSpec.Integer("kib", "body size", 16, 1, 16_384, unit: "KiB"),
        ]);

    protected override int ItemCount(ParameterSet parameters) => parameters.GetInt32("items");

    protected override SessionFixture OpenFixture(ParameterSet parameters, SessionShape shape)
    {
        var server = new LoopbackHttpServer(parameters.GetInt32("kib") * 1024, TimeSpan.FromMilliseconds(parameters.GetInt32("latency")));
        return new SessionFixture(parameters.With("port", server.Endpoint.Port.ToString(CultureInfo.InvariantCulture)), server);
    }

    protected override long RunItem(int index, ParameterSet runnerParameters) =>
        throw new InvalidOperationException("runs through the runner's HttpClient");

    public override IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(runnerParameters.GetInt32("port"));

    /// <summary>One HttpClient per process, as an application would hold one; enough connections for every worker.</summary>
    private sealed class Runner(int port) : IItemRunner
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false });

        public long Run(int index)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, LoopbackHttpServer.ItemUri(port, index));
            using var response = _client.Send(request);
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            using var copy = new MemoryStream();
            body.CopyTo(copy);
            return (long)DeterministicBytes.Hash(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        }

        public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
        {
            var body = await _client.GetByteArrayAsync(LoopbackHttpServer.ItemUri(port, index), cancellationToken).ConfigureAwait(false);
            return (long)DeterministicBytes.Hash(body);
        }

        public void Dispose() => _client.Dispose();
    }
}
