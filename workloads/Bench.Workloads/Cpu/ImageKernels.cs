using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Cpu;

/// <summary>The image kernels the <c>blur</c> workload offers.</summary>
public enum ImageKernel
{
    /// <summary>5×5 Gaussian, weights (1,4,6,4,1)ᵀ(1,4,6,4,1), (Σ w·p + 128) >> 8, edges clamped.</summary>
    Blur,

    /// <summary>3×3 Sobel, |gx| + |gy| saturated to 255, edges clamped.</summary>
    Sobel,
}

/// <summary>
/// 8-bit grayscale image kernels over horizontal bands of rows, vectorized and separable, plus the
/// scalar reference they must match bit for bit, the deterministic input image and the row-major
/// checksum. Both kernels run one output row at a time: a vertical pass into a small 16-bit row buffer
/// (padded by clamping, which is exactly the 2-D filter's edge clamping), then a horizontal pass.
/// All arithmetic is exact in 16 bits: blur's vertical sums reach 16·255, its full sums 256·255 + 128.
/// Blur uses 512-bit vectors where the hardware has them (then 256-bit for the remainder of a row).
/// </summary>
public static class ImageKernels
{
    /// <summary>The LCG's multiplier, increment and seed (Numerical Recipes' constants).</summary>
    public const uint LcgMultiplier = 1664525, LcgIncrement = 1013904223, Seed = 12345;

    /// <summary>Rows between two <see cref="WorkCheckpoint.Poll"/> calls (a 4096-wide row takes ~2 µs).</summary>
    private const int RowsPerCheckpoint = 8;

    /// <summary>
    /// The input image, row-major: s ← s·1664525 + 1013904223 (mod 2^32) from s = 12345, and each pixel
    /// is the new s's top byte (the first pixel comes from the first step, not from the seed).
    /// </summary>
    public static void Generate(Span<byte> image)
    {
        var s = Seed;
        for (var i = 0; i < image.Length; i++)
        {
            s = s * LcgMultiplier + LcgIncrement;
            image[i] = (byte)(s >> 24);
        }
    }

    /// <summary>Runs <paramref name="kernel"/> for output rows [y0, y1) and returns their checksum.</summary>
    /// <param name="vectorize">False forces the scalar separable path (for tests and non-SIMD machines).</param>
    /// <param name="checksum">False skips the checksum (returns 0): for timing the kernel alone.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    public static ulong RunBand(ImageKernel kernel, ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, int y0, int y1, bool vectorize = true, bool checksum = true)
    {
        Check(source, destination, width, height, y0, y1);
        var rows = new ushort[width + 4 + Vector512<ushort>.Count * 2]; // scratch: padded vertical sums
        var rows2 = kernel == ImageKernel.Sobel ? new ushort[rows.Length] : null;
        var simd = vectorize && Vector256.IsHardwareAccelerated;
        ulong hash = 0;
        for (var y = y0; y < y1; y++)
        {
            var output = destination.Slice(y * width, width);
            if (kernel == ImageKernel.Blur)
            {
                BlurRow(source, output, width, height, y, rows, simd);
            }
            else
            {
                SobelRow(source, output, width, height, y, rows, rows2!, simd);
            }

            if (checksum)
            {
                hash = Checksum(output, hash);
            }
            if ((y - y0) % RowsPerCheckpoint == RowsPerCheckpoint - 1)
            {
                WorkCheckpoint.Poll();
            }
        }

        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    private static void BlurRow(ReadOnlySpan<byte> source, Span<byte> output, int width, int height, int y, ushort[] padded, bool simd)
    {
        var r0 = Row(source, width, height, y - 2);
        var r1 = Row(source, width, height, y - 1);
        var r2 = Row(source, width, height, y);
        var r3 = Row(source, width, height, y + 1);
        var r4 = Row(source, width, height, y + 2);

        // Vertical: padded[x + 2] = r0 + 4·r1 + 6·r2 + 4·r3 + r4 at column x.
        var x = 0;
        var wide = simd && Vector512.IsHardwareAccelerated;
        if (wide)
        {
            ref var p = ref MemoryMarshal.GetArrayDataReference(padded);
            for (; x + Vector512<byte>.Count <= width; x += Vector512<byte>.Count)
            {
                var (a0, b0) = Vector512.Widen(Vector512.Create(r0.Slice(x, 64)));
                var (a1, b1) = Vector512.Widen(Vector512.Create(r1.Slice(x, 64)));
                var (a2, b2) = Vector512.Widen(Vector512.Create(r2.Slice(x, 64)));
                var (a3, b3) = Vector512.Widen(Vector512.Create(r3.Slice(x, 64)));
                var (a4, b4) = Vector512.Widen(Vector512.Create(r4.Slice(x, 64)));
                var lo = a0 + a4 + ((a1 + a3) << 2) + a2 * (ushort)6;
                var hi = b0 + b4 + ((b1 + b3) << 2) + b2 * (ushort)6;
                lo.StoreUnsafe(ref p, (nuint)(x + 2));
                hi.StoreUnsafe(ref p, (nuint)(x + 2 + Vector512<ushort>.Count));
            }
        }

        if (simd)
        {
            ref var p = ref MemoryMarshal.GetArrayDataReference(padded);
            for (; x + Vector256<byte>.Count <= width; x += Vector256<byte>.Count)
            {
                var (a0, b0) = Vector256.Widen(Vector256.Create(r0.Slice(x, 32)));
                var (a1, b1) = Vector256.Widen(Vector256.Create(r1.Slice(x, 32)));
                var (a2, b2) = Vector256.Widen(Vector256.Create(r2.Slice(x, 32)));
                var (a3, b3) = Vector256.Widen(Vector256.Create(r3.Slice(x, 32)));
                var (a4, b4) = Vector256.Widen(Vector256.Create(r4.Slice(x, 32)));
                var lo = a0 + a4 + ((a1 + a3) << 2) + a2 * (ushort)6;
                var hi = b0 + b4 + ((b1 + b3) << 2) + b2 * (ushort)6;
                lo.StoreUnsafe(ref p, (nuint)(x + 2));
                hi.StoreUnsafe(ref p, (nuint)(x + 2 + Vector256<ushort>.Count));
            }
        }

        for (; x < width; x++)
        {
            padded[x + 2] = (ushort)(r0[x] + r4[x] + 4 * (r1[x] + r3[x]) + 6 * r2[x]);
        }

        padded[0] = padded[1] = padded[2];
        padded[width + 2] = padded[width + 3] = padded[width + 1];

        // Horizontal: out[x] = (p[x] + 4·p[x+1] + 6·p[x+2] + 4·p[x+3] + p[x+4] + 128) >> 8.
        x = 0;
        if (wide)
        {
            ref var p = ref MemoryMarshal.GetArrayDataReference(padded);
            var round = Vector512.Create((ushort)128);
            for (; x + Vector512<byte>.Count <= width; x += Vector512<byte>.Count)
            {
                var lo = Horizontal5(ref p, x, round);
                var hi = Horizontal5(ref p, x + Vector512<ushort>.Count, round);
                Vector512.Narrow(lo, hi).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)x);
            }
        }

        if (simd)
        {
            ref var p = ref MemoryMarshal.GetArrayDataReference(padded);
            var round = Vector256.Create((ushort)128);
            for (; x + Vector256<byte>.Count <= width; x += Vector256<byte>.Count)
            {
                var lo = Horizontal5(ref p, x, round);
                var hi = Horizontal5(ref p, x + Vector256<ushort>.Count, round);
                Vector256.Narrow(lo, hi).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)x);
            }
        }

        for (; x < width; x++)
        {
            output[x] = (byte)((padded[x] + padded[x + 4] + 4 * (padded[x + 1] + padded[x + 3]) + 6 * padded[x + 2] + 128) >> 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Horizontal5(ref ushort p, int x, Vector256<ushort> round)
    {
        var v0 = Vector256.LoadUnsafe(ref p, (nuint)x);
        var v1 = Vector256.LoadUnsafe(ref p, (nuint)(x + 1));
        var v2 = Vector256.LoadUnsafe(ref p, (nuint)(x + 2));
        var v3 = Vector256.LoadUnsafe(ref p, (nuint)(x + 3));
        var v4 = Vector256.LoadUnsafe(ref p, (nuint)(x + 4));
        var sum = v0 + v4 + ((v1 + v3) << 2) + v2 * (ushort)6 + round;
        return sum >> 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Horizontal5(ref ushort p, int x, Vector512<ushort> round)
    {
        var v0 = Vector512.LoadUnsafe(ref p, (nuint)x);
        var v1 = Vector512.LoadUnsafe(ref p, (nuint)(x + 1));
        var v2 = Vector512.LoadUnsafe(ref p, (nuint)(x + 2));
        var v3 = Vector512.LoadUnsafe(ref p, (nuint)(x + 3));
        var v4 = Vector512.LoadUnsafe(ref p, (nuint)(x + 4));
        var sum = v0 + v4 + ((v1 + v3) << 2) + v2 * (ushort)6 + round;
        return sum >> 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    private static void SobelRow(ReadOnlySpan<byte> source, Span<byte> output, int width, int height, int y, ushort[] smooth, ushort[] diff, bool simd)
    {
        var r0 = Row(source, width, height, y - 1);
        var r1 = Row(source, width, height, y);
        var r2 = Row(source, width, height, y + 1);

        // Vertical: smooth[x+1] = r0 + 2·r1 + r2 (for gx), diff[x+1] = r2 − r0 (for gy), as 16-bit two's complement.
        var x = 0;
        if (simd)
        {
            ref var s = ref MemoryMarshal.GetArrayDataReference(smooth);
            ref var d = ref MemoryMarshal.GetArrayDataReference(diff);
            for (; x + Vector256<byte>.Count <= width; x += Vector256<byte>.Count)
            {
                var (a0, b0) = Vector256.Widen(Vector256.Create(r0.Slice(x, 32)));
                var (a1, b1) = Vector256.Widen(Vector256.Create(r1.Slice(x, 32)));
                var (a2, b2) = Vector256.Widen(Vector256.Create(r2.Slice(x, 32)));
                (a0 + (a1 << 1) + a2).StoreUnsafe(ref s, (nuint)(x + 1));
                (b0 + (b1 << 1) + b2).StoreUnsafe(ref s, (nuint)(x + 1 + Vector256<ushort>.Count));
                (a2 - a0).StoreUnsafe(ref d, (nuint)(x + 1));
                (b2 - b0).StoreUnsafe(ref d, (nuint)(x + 1 + Vector256<ushort>.Count));
            }
        }

        for (; x < width; x++)
        {
            smooth[x + 1] = (ushort)(r0[x] + 2 * r1[x] + r2[x]);
            diff[x + 1] = (ushort)(r2[x] - r0[x]);
        }

        smooth[0] = smooth[1];
        smooth[width + 1] = smooth[width];
        diff[0] = diff[1];
        diff[width + 1] = diff[width];

        // Horizontal: gx = smooth[x+2] − smooth[x], gy = diff[x] + 2·diff[x+1] + diff[x+2].
        x = 0;
        if (simd)
        {
            ref var s = ref Unsafe.As<ushort, short>(ref MemoryMarshal.GetArrayDataReference(smooth));
            ref var d = ref Unsafe.As<ushort, short>(ref MemoryMarshal.GetArrayDataReference(diff));
            for (; x + Vector256<byte>.Count <= width; x += Vector256<byte>.Count)
            {
                var lo = SobelMagnitude(ref s, ref d, x);
                var hi = SobelMagnitude(ref s, ref d, x + Vector256<short>.Count);
                Vector256.Narrow(lo, hi).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)x);
            }
        }

        for (; x < width; x++)
        {
            var gx = (short)(smooth[x + 2] - smooth[x]);
            var gy = (short)diff[x] + 2 * (short)diff[x + 1] + (short)diff[x + 2];
            output[x] = (byte)Math.Min(Math.Abs((int)gx) + Math.Abs(gy), 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> SobelMagnitude(ref short s, ref short d, int x)
    {
        var gx = Vector256.LoadUnsafe(ref s, (nuint)(x + 2)) - Vector256.LoadUnsafe(ref s, (nuint)x);
        var gy = Vector256.LoadUnsafe(ref d, (nuint)x) + (Vector256.LoadUnsafe(ref d, (nuint)(x + 1)) << 1) + Vector256.LoadUnsafe(ref d, (nuint)(x + 2));
        var magnitude = Vector256.Abs(gx) + Vector256.Abs(gy); // ≤ 2040: no overflow
        return Vector256.Min(magnitude, Vector256.Create((short)255)).AsUInt16();
    }

    private static ReadOnlySpan<byte> Row(ReadOnlySpan<byte> image, int width, int height, int y) =>
        image.Slice(Math.Clamp(y, 0, height - 1) * width, width);

    /// <summary>
    /// The row-major checksum h ← h·31 + pixel (64-bit, wrapping), continued from <paramref name="hash"/>.
    /// The scalar recurrence is a chain of dependent multiplies that would cost more than the blur itself, so
    /// it is split into interleaved lanes, each advancing by a power of 31 per block. 64-bit vector
    /// multiplies are the expensive part: native with AVX-512DQ, emulated (three 32-bit multiplies) with
    /// AVX2 alone, so the AVX2 path first folds each run of 4 pixels into one 32-bit value with two
    /// cheap multiply-adds on bytes and words (p0·31³ + p1·31² + p2·31 + p3 ≤ 7,849,920: no overflow), and
    /// multiplies 64-bit lanes once per 4 pixels instead of once per pixel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
    public static ulong Checksum(ReadOnlySpan<byte> pixels, ulong hash = 0)
    {
        var done = 0;
        if (pixels.Length >= 64 && (Avx512DQ.IsSupported || Avx2.IsSupported))
        {
            var blocks = Avx512DQ.IsSupported ? ChecksumAvx512(pixels, out done) : ChecksumAvx2(pixels, out done);
            hash = Concatenate(hash, blocks, done);
        }

        return ChecksumTail(pixels, hash, done);
    }

    /// <summary>Lane j's weight in the blocks' hash is <paramref name="weight"/>^(lanes − 1 − j): Horner over the lanes.</summary>
    private static ulong CombineLanes(ReadOnlySpan<ulong> lanes, ulong weight)
    {
        ulong combined = 0;
        foreach (var lane in lanes)
        {
            combined = combined * weight + lane;
        }

        return combined;
    }

    /// <summary>The scalar recurrence over pixels [done..], from the hash of pixels [..done].</summary>
    private static ulong ChecksumTail(ReadOnlySpan<byte> pixels, ulong hashSoFar, int done)
    {
        for (var i = done; i < pixels.Length; i++)
        {
            hashSoFar = hashSoFar * 31 + pixels[i];
        }

        return hashSoFar;
    }

    /// <summary>
    /// The checksum, from 0, of pixels [..done] (whole blocks of 16), in 16 lanes of single pixels: vpmullq
    /// does the 64-bit multiplies natively.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe ulong ChecksumAvx512(ReadOnlySpan<byte> pixels, out int done)
    {
        var blocks = pixels.Length / 16;
        var step = Vector512.Create(Pow31(16));
        Vector512<ulong> a0 = default, a1 = default;
        fixed (byte* p = pixels)
        {
            for (var b = 0; b < blocks; b++)
            {
                var bytes = Vector128.Load(p + b * 16);
                a0 = Avx512DQ.MultiplyLow(a0, step) + Avx512F.ConvertToVector512UInt64(bytes);
                a1 = Avx512DQ.MultiplyLow(a1, step) + Avx512F.ConvertToVector512UInt64(Sse2.ShiftRightLogical128BitLane(bytes, 8));
            }
        }

        // Lane j holds Σ p[16t + j]·31^(16(T−1−t)); its weight in the blocks' hash is 31^(15 − j).
        Span<ulong> lanes = stackalloc ulong[16];
        a0.CopyTo(lanes);
        a1.CopyTo(lanes[8..]);
        done = blocks * 16;
        return CombineLanes(lanes, 31);
    }

    /// <summary>
    /// The checksum, from 0, of pixels [..done] (whole blocks of 64), in 16 lanes of 4-pixel groups. vpmaddubsw turns byte pairs into p·31 + q (16-bit),
    /// vpmaddwd word pairs into w·31² + x (32-bit): one 32-bit value per 4 pixels, in pixel order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe ulong ChecksumAvx2(ReadOnlySpan<byte> pixels, out int done)
    {
        var blocks = pixels.Length / 64;
        var step = Vector256.Create(Pow31(64));
        var pairWeights = Vector256.Create((ushort)(31 | 1 << 8)).AsSByte(); // bytes 31, 1, 31, 1, …
        var quadWeights = Vector256.Create(31 * 31 | 1 << 16).AsInt16(); // words 961, 1, 961, 1, …
        Vector256<ulong> a0 = default, a1 = default, a2 = default, a3 = default;
        fixed (byte* p = pixels)
        {
            for (var b = 0; b < blocks; b++)
            {
                var q = p + b * 64;
                var groups0 = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(q), pairWeights), quadWeights).AsUInt32();
                var groups1 = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(q + 32), pairWeights), quadWeights).AsUInt32();
                a0 = a0 * step + Avx2.ConvertToVector256Int64(groups0.GetLower()).AsUInt64();
                a1 = a1 * step + Avx2.ConvertToVector256Int64(groups0.GetUpper()).AsUInt64();
                a2 = a2 * step + Avx2.ConvertToVector256Int64(groups1.GetLower()).AsUInt64();
                a3 = a3 * step + Avx2.ConvertToVector256Int64(groups1.GetUpper()).AsUInt64();
            }
        }

        // Lane g holds the groups p[64t + 4g .. 64t + 4g + 3] folded as above, each block's weight 31^(64(T−1−t));
        // in the blocks' hash the group's weight is 31^(4(15 − g)).
        Span<ulong> lanes = stackalloc ulong[16];
        a0.CopyTo(lanes);
        a1.CopyTo(lanes[4..]);
        a2.CopyTo(lanes[8..]);
        a3.CopyTo(lanes[12..]);
        done = blocks * 64;
        return CombineLanes(lanes, Pow31(4));
    }

    /// <summary>31^n mod 2^64.</summary>
    public static ulong Pow31(long n)
    {
        ulong result = 1, power = 31;
        for (; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                result *= power;
            }

            power *= power;
        }

        return result;
    }

    /// <summary>The checksum of A followed by B, from checksum(A) and checksum(B) and B's length.</summary>
    public static ulong Concatenate(ulong first, ulong second, long secondLength) => first * Pow31(secondLength) + second;

    /// <summary>
    /// The scalar reference: the 2-D definition evaluated directly, pixel by pixel (no separable
    /// passes, no row buffers, no SIMD), folded straight into the checksum.
    /// </summary>
    public static ulong ReferenceChecksum(ImageKernel kernel, ReadOnlySpan<byte> source, int width, int height)
    {
        ReadOnlySpan<int> gauss = [1, 4, 6, 4, 1];
        ulong hash = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int value;
                if (kernel == ImageKernel.Blur)
                {
                    var sum = 0;
                    for (var dy = -2; dy <= 2; dy++)
                    {
                        for (var dx = -2; dx <= 2; dx++)
                        {
                            sum += gauss[dy + 2] * gauss[dx + 2] * At(source, width, height, x + dx, y + dy);
                        }
                    }

                    value = (sum + 128) >> 8;
                }
                else
                {
                    var gx = At(source, width, height, x + 1, y - 1) + 2 * At(source, width, height, x + 1, y) + At(source, width, height, x + 1, y + 1)
                           - At(source, width, height, x - 1, y - 1) - 2 * At(source, width, height, x - 1, y) - At(source, width, height, x - 1, y + 1);
                    var gy = At(source, width, height, x - 1, y + 1) + 2 * At(source, width, height, x, y + 1) + At(source, width, height, x + 1, y + 1)
                           - At(source, width, height, x - 1, y - 1) - 2 * At(source, width, height, x, y - 1) - At(source, width, height, x + 1, y - 1);
                    value = Math.Min(Math.Abs(gx) + Math.Abs(gy), 255);
                }

                hash = hash * 31 + (ulong)value;
            }
        }

        return hash;
    }

    private static int At(ReadOnlySpan<byte> image, int width, int height, int x, int y) =>
        image[Math.Clamp(y, 0, height - 1) * width + Math.Clamp(x, 0, width - 1)];

    private static void Check(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, int y0, int y1)
    {
        if (width < 1 || height < 1 || (long)width * height > source.Length || (long)width * height > destination.Length)
        {
            throw new ArgumentException($"a {width}x{height} image does not fit its buffers");
        }

        if (y0 < 0 || y1 > height || y0 > y1)
        {
            throw new ArgumentOutOfRangeException(nameof(y0), $"rows [{y0}, {y1}) are outside the image's {height}");
        }
    }
}
