using System.Diagnostics;

namespace Bench.Perf.Pipes;

/// <summary>
/// The floor: `cat` copies its stdin to its stdout with plain read/write calls, so one byte out and the
/// same byte back is a pipe round trip between two processes and nothing more.
/// </summary>
internal sealed class CatEcho : IDisposable
{
    private readonly Process _cat;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly byte[] _byte = [42];

    public CatEcho()
    {
        _cat = Process.Start(new ProcessStartInfo("cat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("cannot start cat");
        _input = _cat.StandardInput.BaseStream;
        _output = _cat.StandardOutput.BaseStream;
    }

    public double RoundTripNs(int trips)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < trips; i++)
        {
            _input.Write(_byte, 0, 1);
            _input.Flush();
            if (_output.Read(_byte, 0, 1) != 1)
            {
                throw new IOException("cat closed its output");
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / trips;
    }

    public void Dispose()
    {
        _input.Close();
        _cat.WaitForExit(2000);
        _cat.Dispose();
    }
}
