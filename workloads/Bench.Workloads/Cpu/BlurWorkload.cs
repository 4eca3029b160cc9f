using System.Globalization;
using Bench.Workloads.Contract;
using Bench.Workloads.SharedMemory;

namespace Bench.Workloads.Cpu;

/// <summary>
/// An image kernel (5×5 Gaussian blur, or 3×3 Sobel) over a deterministic W×H grayscale image. Items
/// are horizontal bands of rows; each returns its band's checksum, and the bands' checksums combine
/// (with powers of 31) into the whole image's row-major checksum, which must equal the scalar
/// reference's. Source and destination live in a memory-mapped file that the session creates and
/// every process maps, so process strategies share pixels instead of piping them.
/// </summary>
public sealed class BlurWorkload : IWorkload
{
    /// <summary>Largest side accepted: 32768² is 1 GiB per image.</summary>
    public const int MaxSide = 32768;

    /// <summary>Runner parameter naming the shared image file (set by the session, not by the user).</summary>
    public const string ImageParameter = "shared-image";

    public WorkloadInfo Info { get; } = new(
        "blur",
        "5x5 Gaussian blur (or 3x3 Sobel) of a WxH 8-bit image, SIMD and separable; items are row bands; pixels shared through a memory-mapped file",
        WorkloadCategory.CpuBound,
        HasAsyncForm: false,
        [
            ParameterSpec.Integer("width", "image width", 8192, 1, MaxSide, quick: 1024, unit: "px"),
            ParameterSpec.Integer("height", "image height", 8192, 1, MaxSide, quick: 1024, unit: "px"),
            ParameterSpec.Integer("items", "bands of rows per batch", 8, 1, MaxSide, quick: 8),
            ParameterSpec.Choice("kernel", "blur: 5x5 Gaussian; sobel: 3x3 Sobel |gx|+|gy|", "blur", "blur", "sobel"),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape) => new Session(parameters);

    public IItemRunner CreateRunner(ParameterSet runnerParameters)
    {
        var width = runnerParameters.GetInt32("width");
        var height = runnerParameters.GetInt32("height");
        var image = SharedImageFile.Open(runnerParameters.GetString(ImageParameter), width, height);
        return new Runner(image, KernelOf(runnerParameters), runnerParameters.GetInt32("items"));
    }

    public static ImageKernel KernelOf(ParameterSet parameters) =>
        parameters.GetString("kernel") == "sobel" ? ImageKernel.Sobel : ImageKernel.Blur;

    /// <summary>Rows [y0, y1) of band <paramref name="index"/>: bands differ in height by at most one row.</summary>
    public static (int Y0, int Y1) Band(int height, int items, int index) =>
        ((int)((long)height * index / items), (int)((long)height * (index + 1) / items));

    private sealed class Runner(SharedImageFile image, ImageKernel kernel, int items) : BlockingItemRunner
    {
        public override long Run(int index)
        {
            var (y0, y1) = Band(image.Height, items, index);
            return (long)ImageKernels.RunBand(kernel, image.Source, image.Destination, image.Width, image.Height, y0, y1);
        }

        public override void Dispose() => image.Dispose();
    }

    private sealed class Session : IWorkloadSession
    {
        private readonly SharedImageFile _image;
        private readonly ImageKernel _kernel;
        private ulong? _reference; // the scalar reference checksum, computed once per cell

        public Session(ParameterSet parameters)
        {
            _kernel = KernelOf(parameters);
            ItemCount = parameters.GetInt32("items");
            _image = SharedImageFile.Create(parameters.GetInt32("width"), parameters.GetInt32("height"));
            ImageKernels.Generate(_image.Source);
            RunnerParameters = parameters.With(ImageParameter, _image.Path);
        }

        public int ItemCount { get; }

        public ParameterSet RunnerParameters { get; }

        public void BeforeBatch() => _image.Destination.Clear();

        public bool BatchesShareState => true;

        public Validation Validate(ReadOnlySpan<long> itemResults)
        {
            _reference ??= ImageKernels.ReferenceChecksum(_kernel, _image.Source, _image.Width, _image.Height);
            ulong combined = 0;
            for (var i = 0; i < itemResults.Length; i++)
            {
                var (y0, y1) = Band(_image.Height, ItemCount, i);
                combined = ImageKernels.Concatenate(combined, (ulong)itemResults[i], (long)(y1 - y0) * _image.Width);
            }

            var expected = _reference.Value;
            // The destination in shared memory must hold the same image the items hashed: a worker that
            // wrote somewhere else would slip past the hashes alone.
            var written = ImageKernels.Checksum(_image.Destination);
            var ok = itemResults.Length == ItemCount && combined == expected && written == expected;
            return new Validation(Hex(expected), Hex(combined), ok,
                written == combined ? null : $"shared destination checksum {Hex(written)} differs from the items'");
        }

        private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

        public void Dispose() => _image.Dispose();
    }
}
