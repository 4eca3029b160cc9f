using System.Globalization;
using Bench.Workloads.Cpu;

namespace Bench.Perf.Workloads;

/// <summary>
/// blur: one thread on 4096×4096 against tools/Bench.Perf.Workloads/blur_baseline.c compiled here with
/// gcc -O3 -march=native (target: at least half its throughput). Both print the output checksum, which
/// must agree.
/// </summary>
internal static class BlurProbe
{
    public static void Run()
    {
        const int side = 4096;
        Console.WriteLine();
        Console.WriteLine($"blur: {side}x{side}, one thread, best of 10");
        var source = new byte[side * side];
        var destination = new byte[side * side];
        ImageKernels.Generate(source);
        ulong hash = 0;
        var kernelOnly = Probe.Best(10, () => ImageKernels.RunBand(ImageKernel.Blur, source, destination, side, side, 0, side, checksum: false));
        var withChecksum = Probe.Best(10, () => hash = ImageKernels.RunBand(ImageKernel.Blur, source, destination, side, side, 0, side));
        var sobel = Probe.Best(10, () => ImageKernels.RunBand(ImageKernel.Sobel, source, destination, side, side, 0, side));
        double Mpix(TimeSpan t) => (double)side * side / t.TotalSeconds / 1e6;
        Console.WriteLine($"  bench blur kernel        : {Mpix(kernelOnly.Wall),7:F0} Mpix/s");
        Console.WriteLine($"  bench blur item (+hash)  : {Mpix(withChecksum.Wall),7:F0} Mpix/s, checksum {hash:x16}");
        Console.WriteLine($"  bench sobel item (+hash) : {Mpix(sobel.Wall),7:F0} Mpix/s");

        var cFile = Path.Combine(Probe.RepositoryRoot(), "tools", "Bench.Perf.Workloads", "blur_baseline.c");
        var temp = Directory.CreateTempSubdirectory("bench-perf-blur-");
        try
        {
            var exe = Path.Combine(temp.FullName, "blur_baseline");
            var compile = Probe.Execute("gcc", $"-O3 -march=native -o \"{exe}\" \"{cFile}\"");
            if (compile is null || compile.Value.ExitCode != 0)
            {
                Console.WriteLine($"  C baseline: gcc not available or failed: {compile?.Output.Trim()}");
                return;
            }

            // Twice, best of both, so that a burst of load on the shared machine hurts neither side alone.
            var seconds = double.MaxValue;
            string[] fields = [];
            for (var r = 0; r < 2; r++)
            {
                var run = Probe.Execute(exe, $"{side} {side} 10");
                fields = run?.Output.Trim().Split(' ') ?? [];
                if (fields.Length != 2 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
                {
                    Console.WriteLine($"  C baseline: unexpected output '{run?.Output.Trim()}'");
                    return;
                }

                seconds = Math.Min(seconds, s);
            }

            var cMpix = (double)side * side / seconds / 1e6;
            Console.WriteLine($"  C gcc -O3 -march=native  : {cMpix,7:F0} Mpix/s, checksum {fields[1]} ({(fields[1] == hash.ToString("x16", CultureInfo.InvariantCulture) ? "matches" : "DIFFERS")})");
            Console.WriteLine($"  ratio bench/C: kernel {Mpix(kernelOnly.Wall) / cMpix:F2}, item with checksum {Mpix(withChecksum.Wall) / cMpix:F2} (target >= 0.5)");
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
