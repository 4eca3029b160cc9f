using Bench.Workloads.Contract;

namespace Bench.Workloads.Io;

/// <summary>
/// Each item writes a deterministic block to its own file in a private temp directory, forces it to
/// the device, reads it back and returns its hash; an optional simulated device wait per item
/// emulates slow storage. The blocking form uses a <see cref="FileStream"/> and fsync
/// (<c>Flush(flushToDisk: true)</c>); the async form opens the file for asynchronous I/O with
/// write-through (O_SYNC: the write completes once it is on the device, the async equivalent of
/// fsync, since .NET has no async fsync) and awaits the write, the read and the wait.
/// </summary>
public sealed class FileIoWorkload : IWorkload
{
    /// <summary>Runner parameter naming the session's private directory.</summary>
    public const string DirectoryParameter = "directory";

    public WorkloadInfo Info { get; } = new(
        "file-io",
        "each item writes a deterministic block to its own file in a private temp dir, fsyncs, reads it back and hashes it",
        WorkloadCategory.IoBound,
        HasAsyncForm: true,
        [
            ParameterSpec.Integer("items", "files per batch", 32, 1, 100_000, quick: 8),
            ParameterSpec.Integer("block", "bytes per file", 256 * 1024, 1, 64L * 1024 * 1024, quick: 64 * 1024, unit: "bytes"),
            ParameterSpec.Integer("latency", "simulated device wait per item", 0, 0, 10_000, unit: "ms"),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters) => new Runner(
        runnerParameters.GetString(DirectoryParameter), runnerParameters.GetInt32("block"), runnerParameters.GetInt32("latency"));

    private sealed class Runner(string directory, int block, int latencyMs) : IItemRunner
    {
        private string FileOf(int index) => Path.Combine(directory, $"item-{index}.bin");

        public long Run(int index)
        {
            var buffer = new byte[block];
            DeterministicBytes.Fill(buffer, index);
            using (var stream = new FileStream(FileOf(index), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
            {
                stream.Write(buffer);
                stream.Flush(flushToDisk: true);
                if (latencyMs > 0)
                {
                    Thread.Sleep(latencyMs);
                }

                Array.Clear(buffer);
                stream.Position = 0;
                stream.ReadExactly(buffer);
            }

            return (long)DeterministicBytes.Hash(buffer);
        }

        public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
        {
            var buffer = new byte[block];
            DeterministicBytes.Fill(buffer, index);
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.WriteThrough,
            };
            await using (var stream = new FileStream(FileOf(index), options))
            {
                await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (latencyMs > 0)
                {
                    await Task.Delay(latencyMs, cancellationToken).ConfigureAwait(false);
                }

                Array.Clear(buffer);
                stream.Position = 0;
                await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            return (long)DeterministicBytes.Hash(buffer);
        }

        public void Dispose()
        {
        }
    }

    private sealed class Session : IWorkloadSession
    {
        private readonly PrivateTempDirectory _directory;
        private readonly int _block;
        private long[]? _expected;

        public Session(ParameterSet parameters)
        {
            ItemCount = parameters.GetInt32("items");
            _block = parameters.GetInt32("block");
            _directory = new PrivateTempDirectory(Fixtures.LeftoverFixtures.Prefix(Fixtures.LeftoverFixtures.FileIo));
            RunnerParameters = parameters.With(DirectoryParameter, _directory.Path);
        }

        public int ItemCount { get; }

        public ParameterSet RunnerParameters { get; }

        public string DirectoryPath => _directory.Path;

        public void BeforeBatch()
        {
        }

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            _expected ??= Enumerable.Range(0, ItemCount).Select(i => DeterministicBytes.ExpectedHash(i, _block)).ToArray();
            return HashValidation.Compare(_expected, itemResults);
        }

        public void Dispose() => _directory.Dispose();
    }
}
