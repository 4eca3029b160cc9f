using System.Diagnostics;
using Bench.Harness.Statistics;

namespace Bench.Harness.Machine;

/// <summary>
/// The OS floors of this machine, each the median of many repetitions, so that a strategy's overhead per
/// item can be stated as a multiple of what the OS itself needs:
/// thread create+start+join; spawn+wait of a trivial native program (<c>/bin/true</c>, through
/// <see cref="Process"/> as the harness spawns); a 1-byte round trip through a pipe to another process
/// (<c>cat</c> echoes it); an uncontended lock acquire+release; a <c>Task.Run</c> round trip.
/// Fast operations are timed in batches (one timestamp pair per batch) so the clock's own cost vanishes;
/// each operation includes one delegate call (≈ 1 ns).
/// </summary>
public static class OsFloors
{
    /// <summary>Repetitions per floor; <paramref name="scale"/> shrinks them for tests and smoke runs.</summary>
    public static Results.Calibration Measure(double scale = 1.0)
    {
        int Reps(int n) => Math.Max(3, (int)(n * scale));
        var gate = new Lock();
        var guarded = 0;
        return new Results.Calibration
        {
            ThreadCreateJoinNs = Floor(Reps(200), 1, ThreadCreateJoin),
            ProcessSpawnWaitNs = File.Exists(TrivialProgram) ? Floor(Reps(30), 1, SpawnWait) : double.NaN,
            PipeRoundTripNs = PipeRoundTrip(Reps(1000)),
            UncontendedLockNs = Floor(Reps(50), 10_000, () =>
            {
                lock (gate)
                {
                    guarded++;
                }
            }),
            TaskRunNs = Floor(Reps(200), 50, TaskRunRoundTrip),
        };
    }

    public const string TrivialProgram = "/bin/true";

    /// <summary>The median over <paramref name="repetitions"/> of (time of <paramref name="batch"/> operations ÷ batch).</summary>
    private static double Floor(int repetitions, int batch, Action operation)
    {
        operation(); // warm: JIT, first thread, first page faults
        var times = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                operation();
            }

            times[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
        }

        return SampleStatistics.Median(times);
    }

    private static void ThreadCreateJoin()
    {
        var thread = new Thread(static () => { });
        thread.Start();
        thread.Join();
    }

    private static void SpawnWait()
    {
        using var process = Process.Start(new ProcessStartInfo(TrivialProgram) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"cannot start {TrivialProgram}");
        process.WaitForExit();
    }

    private static void TaskRunRoundTrip() => Task.Run(static () => { }).Wait();

    /// <summary>One byte to <c>cat</c> and back, repeated; NaN where cat cannot be started.</summary>
    private static double PipeRoundTrip(int repetitions)
    {
        Process? cat;
        try
        {
            cat = Process.Start(new ProcessStartInfo("cat")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return double.NaN;
        }

        if (cat is null)
        {
            return double.NaN;
        }

        using (cat)
        {
            var input = cat.StandardInput.BaseStream;
            var output = cat.StandardOutput.BaseStream;
            var one = new byte[] { 42 };
            var back = new byte[1];
            void RoundTrip()
            {
                input.Write(one);
                input.Flush();
                if (output.Read(back) != 1)
                {
                    throw new IOException("cat closed its output");
                }
            }

            var result = Floor(repetitions, 1, RoundTrip);
            cat.StandardInput.Close();
            cat.WaitForExit();
            return result;
        }
    }
}
