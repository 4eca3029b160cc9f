namespace Bench.Workloads.SharedMemory;

/// <summary>
/// A source and a destination image of W×H bytes each, back to back in one memory-mapped file, so
/// that the harness and every worker process see the same pixels without copying them through pipes
/// (the guide's shared-memory section); the mapping itself is a <see cref="MappedFile"/>.
/// </summary>
public sealed unsafe class SharedImageFile : IDisposable
{
    private readonly MappedFile _file;

    private SharedImageFile(MappedFile file, int width, int height)
    {
        _file = file;
        Width = width;
        Height = height;
    }

    public string Path => _file.Path;

    public int Width { get; }

    public int Height { get; }

    private int Pixels => Width * Height;

    public Span<byte> Source => new(_file.Base, Pixels);

    public Span<byte> Destination => new(_file.Base + Pixels, Pixels);

    /// <summary>Creates the file (source and destination zeroed) and maps it. The caller fills the source.</summary>
    public static SharedImageFile Create(int width, int height) =>
        new(MappedFile.Create(Fixtures.LeftoverFixtures.Image, ".img", 2L * width * height), width, height);

    /// <summary>Maps a file that another process created.</summary>
    public static SharedImageFile Open(string path, int width, int height) =>
        new(MappedFile.Open(path, 2L * width * height, $"shared image ({width}x{height})"), width, height);

    public void Dispose() => _file.Dispose();
}
