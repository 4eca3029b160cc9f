using Bench.Workloads.Contract;
using Bench.Workloads.Io;

namespace Bench.Workloads.Tests;

public sealed class FileIoTests
{
    private static ParameterSet Parameters(string items = "4", string block = "5000") =>
        ParameterSet.From(new Dictionary<string, string> { ["items"] = items, ["block"] = block, ["latency"] = "0" });

    [Fact]
    public async Task Blocking_and_async_forms_pass_validation_in_a_private_directory_that_is_removed()
    {
        var workload = new FileIoWorkload();
        string directory;
        using (var session = workload.Open(Parameters(), new SessionShape(1, false)))
        {
            directory = session.RunnerParameters[FileIoWorkload.DirectoryParameter];
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            }

            using var runner = workload.CreateRunner(session.RunnerParameters);
            var blocking = Enumerable.Range(0, 4).Select(runner.Run).ToArray();
            Assert.True(session.Validate(blocking).Ok);
            var asynchronous = new long[4];
            for (var i = 0; i < 4; i++)
            {
                asynchronous[i] = await runner.RunAsync(i, CancellationToken.None);
            }

            Assert.Equal(blocking, asynchronous);
            Assert.NotEmpty(Directory.GetFiles(directory));
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Validation_rejects_a_wrong_hash()
    {
        var workload = new FileIoWorkload();
        using var session = workload.Open(Parameters(), new SessionShape(1, false));
        using var runner = workload.CreateRunner(session.RunnerParameters);
        var results = Enumerable.Range(0, 4).Select(runner.Run).ToArray();
        results[3]++;
        var validation = session.Validate(results);
        Assert.False(validation.Ok);
        Assert.Contains("item 3", validation.Note);
    }

    [Fact]
    public void A_failing_item_throws_and_the_directory_is_still_removed()
    {
        var workload = new FileIoWorkload();
        string directory;
        using (var session = workload.Open(Parameters(), new SessionShape(1, false)))
        {
            directory = session.RunnerParameters[FileIoWorkload.DirectoryParameter];
            using var runner = workload.CreateRunner(session.RunnerParameters);
            // A file where an item's file should go cannot be overwritten as a directory: the item fails
            // with an I/O error, as it would on a full or broken disk.
            Directory.CreateDirectory(Path.Combine(directory, "item-1.bin"));
            var error = Record.Exception(() => runner.Run(1));
            Assert.True(error is IOException or UnauthorizedAccessException, $"unexpected {error}");
        }

        Assert.False(Directory.Exists(directory));
    }
}
