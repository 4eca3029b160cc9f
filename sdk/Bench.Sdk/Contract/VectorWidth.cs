using System.Runtime.Intrinsics;

namespace Bench.Workloads.Contract;

/// <summary>
/// The widest hardware-accelerated vector of the running code, in bits (0: none). The harness's threads
/// run JIT code and worker processes run the (possibly NativeAOT) worker: when the two differ, the
/// vectorized kernels take different paths in threads and in processes, and a comparison of the two
/// measures the compilers (docs/perf-notes.md: a worker published for baseline x64).
/// </summary>
public static class VectorWidth
{
    public static int Bits() =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;
}
