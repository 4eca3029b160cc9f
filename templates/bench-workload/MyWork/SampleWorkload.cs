using Bench.Workloads.Authoring;
using Bench.Workloads.Contract;
using Bench.Workloads.Io;

namespace MyWork;

/// <summary>
/// One item = one piece of your work. Bench runs the items under threads, the ThreadPool, a process
/// per item and a process pool, compares every batch item by item with the same items run on one
/// thread (so items must be deterministic), and times whole batches.
/// Replace the body of <see cref="RunItem"/> with your code; return something that depends on its
/// result (a length, a checksum), so that a wrong result is caught.
/// </summary>
public sealed class SampleWorkload : ItemWorkload
{
    public override WorkloadInfo Info { get; } = new(
        "my-work",
        "hash a deterministic buffer per item (replace with your code)",
        WorkloadCategory.CpuBound,
        HasAsyncForm: false,
        [
            ParameterSpec.Integer("items", "items per batch", 32, 1, 100_000, quick: 8),
            ParameterSpec.Integer("kib", "input size of one item", 1024, 1, 1 << 20, quick: 256, unit: "KiB"),
        ]);

    protected override int ItemCount(ParameterSet parameters) => parameters.GetInt32("items");

    protected override long RunItem(int index, ParameterSet parameters)
    {
        var input = new byte[parameters.GetInt32("kib") * 1024];
        DeterministicBytes.Fill(input, index);
        return (long)DeterministicBytes.Hash(input);
    }
}
