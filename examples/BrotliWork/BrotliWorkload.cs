using System.IO.Compression;
using Bench.Workloads.Authoring;
using Bench.Workloads.Contract;
using Bench.Workloads.Io;

namespace BrotliWork;

/// <summary>
/// Compresses one buffer of deterministic, compressible text per item with Brotli and returns a hash of
/// the compressed bytes: pure CPU work on data every process can make for itself.
/// </summary>
public sealed class BrotliWorkload : ItemWorkload
{
    public override WorkloadInfo Info { get; } = new(
        "brotli",
        "Brotli-compress a deterministic text buffer per item (System.IO.Compression); CPU-bound",
        WorkloadCategory.CpuBound,
        HasAsyncForm: false,
        [
            ParameterSpec.Integer("items", "buffers per batch", 32, 1, 100_000, quick: 8),
            ParameterSpec.Integer("kib", "size of one buffer", 256, 1, 65_536, quick: 64, unit: "KiB"),
            ParameterSpec.Integer("quality", "Brotli quality (0 fastest … 11 smallest)", 5, 0, 11),
        ]);

    protected override int ItemCount(ParameterSet parameters) => parameters.GetInt32("items");

    protected override long RunItem(int index, ParameterSet parameters)
    {
        var input = TextFor(index, parameters.GetInt32("kib") * 1024);
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
        if (!BrotliEncoder.TryCompress(input, output, out var written, parameters.GetInt32("quality"), window: 22))
        {
            throw new InvalidOperationException($"item {index}: Brotli output did not fit its maximum length");
        }

        return (long)DeterministicBytes.Hash(output.AsSpan(0, written));
    }

    /// <summary>Words chosen by deterministic bytes: compressible like text, different per item, the same in every process.</summary>
    private static byte[] TextFor(int item, int length)
    {
        ReadOnlySpan<string> words = ["thread ", "process ", "pool ", "async ", "lock ", "batch ", "item ", "worker ", "the ", "a ", "of ", "measured\n"];
        var choices = new byte[length];
        DeterministicBytes.Fill(choices, item);
        var text = new byte[length];
        var at = 0;
        for (var i = 0; at < length; i++)
        {
            var word = words[choices[i % length] % words.Length];
            for (var c = 0; c < word.Length && at < length; c++)
            {
                text[at++] = (byte)word[c];
            }
        }

        return text;
    }
}
