using Bench.Workloads.Contract;
using Bench.Workloads.Cpu;

namespace Bench.Workloads.Tests;

public sealed class ImageKernelTests
{
    public static TheoryData<ImageKernel, int, int> OddSizes()
    {
        var data = new TheoryData<ImageKernel, int, int>();
        foreach (var kernel in new[] { ImageKernel.Blur, ImageKernel.Sobel })
        {
            foreach (var (w, h) in new[] { (1, 1), (3, 7), (7, 3), (1023, 5), (5, 1023), (31, 33), (32, 2), (33, 1), (64, 4), (97, 13) })
            {
                data.Add(kernel, w, h);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void Vector_and_scalar_paths_are_bit_exact_with_the_2D_reference(ImageKernel kernel, int width, int height)
    {
        var source = new byte[width * height];
        ImageKernels.Generate(source);
        var reference = ImageKernels.ReferenceChecksum(kernel, source, width, height);
        var vector = new byte[source.Length];
        var scalar = new byte[source.Length];
        var vectorHash = ImageKernels.RunBand(kernel, source, vector, width, height, 0, height, vectorize: true);
        var scalarHash = ImageKernels.RunBand(kernel, source, scalar, width, height, 0, height, vectorize: false);
        Assert.Equal(scalar, vector);
        Assert.Equal(reference, scalarHash);
        Assert.Equal(reference, vectorHash);
        Assert.Equal(reference, ImageKernels.Checksum(vector));
    }

    [Fact]
    public void Extreme_pixels_do_not_overflow_16_bits()
    {
        // All-255 blurs to 255 and a checkerboard of 0/255 gives the maximal Sobel gradients.
        foreach (var kernel in new[] { ImageKernel.Blur, ImageKernel.Sobel })
        {
            foreach (var fill in new Func<int, byte>[] { _ => 255, i => (byte)((i + i / 67) % 2 * 255) })
            {
                const int width = 67, height = 9;
                var source = Enumerable.Range(0, width * height).Select(fill).ToArray();
                var output = new byte[source.Length];
                Assert.Equal(ImageKernels.ReferenceChecksum(kernel, source, width, height),
                    ImageKernels.RunBand(kernel, source, output, width, height, 0, height));
            }
        }
    }

    [Fact]
    public void Band_checksums_combine_into_the_whole_image_checksum()
    {
        const int width = 45, height = 37, items = 5;
        var source = new byte[width * height];
        ImageKernels.Generate(source);
        var output = new byte[source.Length];
        ulong combined = 0;
        for (var i = 0; i < items; i++)
        {
            var (y0, y1) = BlurWorkload.Band(height, items, i);
            combined = ImageKernels.Concatenate(combined, ImageKernels.RunBand(ImageKernel.Blur, source, output, width, height, y0, y1), (long)(y1 - y0) * width);
        }

        Assert.Equal(ImageKernels.ReferenceChecksum(ImageKernel.Blur, source, width, height), combined);
    }

    [Fact]
    public void Vectorized_checksum_equals_the_scalar_recurrence_at_every_length()
    {
        var random = new Random(7);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            if (length % 3 == 0)
            {
                // All 255: the largest sums the AVX2 path's 16- and 32-bit multiply-adds can meet.
                data.AsSpan().Fill(255);
            }
            ulong expected = 5;
            foreach (var b in data)
            {
                expected = expected * 31 + b;
            }

            Assert.Equal(expected, ImageKernels.Checksum(data, 5));
        }
    }

    [Fact]
    public void Generated_image_follows_the_documented_lcg()
    {
        var image = new byte[2];
        ImageKernels.Generate(image);
        var s1 = unchecked(12345u * 1664525u + 1013904223u);
        var s2 = unchecked(s1 * 1664525u + 1013904223u);
        Assert.Equal([(byte)(s1 >> 24), (byte)(s2 >> 24)], image);
    }

    [Theory]
    [InlineData("blur")]
    [InlineData("sobel")]
    public void Validation_rejects_a_wrong_band_and_the_shared_file_is_removed(string kernel)
    {
        var workload = new BlurWorkload();
        var parameters = ParameterSet.From(new Dictionary<string, string> { ["width"] = "61", ["height"] = "29", ["items"] = "3", ["kernel"] = kernel });
        string path;
        using (var session = workload.Open(parameters, new SessionShape(2, true)))
        {
            path = session.RunnerParameters[BlurWorkload.ImageParameter];
            Assert.True(File.Exists(path));
            using var runner = workload.CreateRunner(session.RunnerParameters);
            var results = Enumerable.Range(0, 3).Select(runner.Run).ToArray();
            Assert.True(session.Validate(results).Ok);
            results[1] ^= 1;
            Assert.False(session.Validate(results).Ok);
        }

        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("width", "32769")]
    [InlineData("height", "0")]
    public void Images_over_the_limit_are_refused(string name, string value)
    {
        WorkloadRegistry.Resolve(new BlurWorkload(), new Dictionary<string, string> { [name] = value }, quick: false, out var error);
        Assert.NotNull(error);
        Assert.Contains("32768", error);
    }
}
