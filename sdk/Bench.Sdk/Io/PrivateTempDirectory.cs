namespace Bench.Workloads.Io;

/// <summary>
/// A fresh directory under the system temp directory that only the current user can enter (mode 0700
/// on Unix: <see cref="Directory.CreateTempSubdirectory"/> uses mkdtemp), removed with everything in it
/// on dispose.
/// </summary>
public sealed class PrivateTempDirectory : IDisposable
{
    /// <summary>A directory named like every Bench fixture (<c>bench-workload-{pid}-…</c>), so that one left by a
    /// killed cell process is removed by the next run's sweep.</summary>
    public PrivateTempDirectory()
        : this(Fixtures.LeftoverFixtures.Prefix(Fixtures.LeftoverFixtures.Workload))
    {
    }

    public PrivateTempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            // mkdtemp already gives 0700; say so explicitly rather than rely on it.
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
