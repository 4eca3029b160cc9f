using System.Text;
using System.Text.Json;
using Bench.Compare.Inputs;
using Bench.Harness.Run;
using Bench.Protocol;
using Bench.Results;
using CsCheck;

namespace Bench.Fuzz.Tests;

/// <summary>
/// Random and mutated inputs to every reader of bytes bench did not make itself. Each either reads them or
/// refuses them with its one-line exception — never another exception (a crash: exit 70), never a hang,
/// never an allocation beyond its limit. <see cref="Cases"/> cases per reader per run; the seed of a
/// failing case is in the failure message (CsCheck), so it reruns exactly.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReaderFuzzTests
{
    /// <summary>Cases per property per run: 4 × 1000 take ≈ 30 s on 2 cores under a load of 30, a few seconds on a quiet machine.</summary>
    public const int Cases = 1000;

    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void ResultsFileReader_ReadsOrRefuses_WithinItsMemory()
    {
        var seed = Fixture("results-real.json");
        Check(Mutations.Many(seed), bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            Bounded(bytes.Length, () => Refusable(() => ResultsFile.Parse(text, "fuzz.json")));
        });
    }

    [Fact]
    public void CompareInputReader_ReadsBenchAndBenchmarkDotNetFiles_OrRefuses()
    {
        var results = Fixture("results-real.json");
        var bdn = Fixture("bdn-report-full.json");
        Check(Gen.OneOf(Mutations.Many(results), Mutations.Many(bdn)), bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            Bounded(bytes.Length, () => Refusable(() => InputReader.Parse(text, "fuzz.json")));
        });
    }

    [Fact]
    public void JournalReader_KeepsEveryReadableLine_AndWarnsAboutTheRest()
    {
        // A journal of the fixture's cells, one per line, as bench run writes it.
        var cells = ResultsFile.Parse(Encoding.UTF8.GetString(Fixture("results-real.json")), "fixture").Cells;
        var journal = Encoding.UTF8.GetBytes(string.Concat(cells.Select(c => JsonSerializer.Serialize(c, ResultsFile.LineOptions) + "\n")));
        var directory = Path.Combine(Path.GetTempPath(), "bench-fuzz-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Check(Mutations.Many(journal), bytes =>
            {
                var path = Path.Combine(directory, $"journal-{Environment.CurrentManagedThreadId}.jsonl");
                File.WriteAllBytes(path, bytes);
                Bounded(bytes.Length, () =>
                {
                    var (entries, warnings) = new Journal(path).LoadAll();
                    var lines = Encoding.UTF8.GetString(bytes).Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
                    Assert.Equal(lines, entries.Count + warnings.Count); // every line is either kept or named
                    Assert.All(entries, e => Assert.All(e.SamplesNs, s => Assert.True(double.IsFinite(s) && s > 0)));
                });
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FrameReader_ReadsOrRefuses_AndNeverAllocatesPastItsLimit()
    {
        // Well-formed headers with every type and lengths around the limit, followed by what may or may not be there.
        var header = Gen.Select(Gen.UInt[0, uint.MaxValue], Gen.Int[0, 7], Gen.Byte.Array[0, 512]).Select(h =>
        {
            var length = h.Item1 % 3 == 0 ? h.Item1 % 1024 : h.Item1 % 2 == 0 ? FrameLimits.MaxPayload + (h.Item1 % 4) - 2 : h.Item1;
            var bytes = new byte[FrameLimits.HeaderSize + h.Item3.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, length);
            bytes[4] = (byte)h.Item2;
            h.Item3.CopyTo(bytes, FrameLimits.HeaderSize);
            return bytes;
        });
        Check(Gen.OneOf(header, Gen.Byte.Array[0, 1024], header.Array[1, 4].Select(a => a.SelectMany(b => b).ToArray())), bytes =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reader = new FrameReader(new MemoryStream(bytes));
            try
            {
                while (reader.TryRead(out var type, out var payload))
                {
                    Decode(type, payload);
                }
            }
            catch (ProtocolException)
            {
                // Refused: the harness kills that worker.
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= 2L * FrameLimits.MaxPayload + (1 << 20), $"{allocated} bytes allocated for {bytes.Length} bytes of frames");
        });
    }

    /// <summary>Decodes a payload as the harness or a worker would; a malformed one must be a ProtocolException.</summary>
    private static void Decode(FrameType type, ReadOnlyMemory<byte> payload)
    {
        switch (type)
        {
            case FrameType.Setup: Messages.ReadSetup(payload); break;
            case FrameType.Ready: Messages.ReadReady(payload); break;
            case FrameType.Run: Messages.ReadRun(payload); break;
            case FrameType.Results:
                var view = Messages.ReadResults(payload);
                for (var slot = 0; slot < view.Count; slot++)
                {
                    view.Result(slot);
                    if (view.HasTrace)
                    {
                        view.Times(slot);
                    }
                }

                break;
            case FrameType.Error: Messages.ReadError(payload); break;
        }
    }

    private static void Refusable(Action read)
    {
        try
        {
            read();
        }
        catch (ResultsFileException e)
        {
            Assert.DoesNotContain('\n', e.Message); // one line
        }
    }

    /// <summary>Runs <paramref name="read"/> and checks it allocated at most what a reader of that many bytes may: 64 bytes per input byte, plus 4 MiB.</summary>
    private static void Bounded(int inputBytes, Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= 64L * inputBytes + (4 << 20), $"{allocated} bytes allocated reading {inputBytes} bytes");
    }

    private static void Check(Gen<byte[]> inputs, Action<byte[]> property)
    {
        var run = Task.Run(() => inputs.Sample(property, iter: Cases));
        Assert.True(run.Wait(HangLimit), $"{Cases} cases did not finish within {HangLimit.TotalMinutes} min: a reader hangs");
        run.GetAwaiter().GetResult();
    }
}
