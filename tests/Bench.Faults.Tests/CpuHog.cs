using System.Diagnostics;

namespace Bench.Faults.Tests;

/// <summary>
/// A deliberate CPU hog for the life of the object: 2 busy threads per core in this test process, a
/// load average of about 4 on a 2-core machine — the "loaded machine" a test must pass on.
/// </summary>
internal sealed class CpuHog : IDisposable
{
    private readonly List<Thread> _threads = [];
    private volatile bool _stop;

    public CpuHog(int threadsPerCore = 2)
    {
        for (var i = 0; i < threadsPerCore * Environment.ProcessorCount; i++)
        {
            var thread = new Thread(Spin) { IsBackground = true, Name = $"cpu-hog-{i}" };
            thread.Start();
            _threads.Add(thread);
        }
    }

    private void Spin()
    {
        var x = 0UL;
        while (!_stop)
        {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        }

        GC.KeepAlive(x);
    }

    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}

/// <summary>What this machine's speed is right now, measured, so that time limits follow it instead of fixed seconds.</summary>
internal static class MachineNow
{
    /// <summary>Wall time of one `bench list`: a .NET process started, its CLI JIT-compiled, ended — the kind of work a stop does.</summary>
    public static TimeSpan BenchStart() => Timed("list");

    /// <summary>Wall time of `bench report` over <paramref name="results"/> into a scratch folder (charts and all).</summary>
    public static TimeSpan Report(string results)
    {
        var scratch = BenchCli.ScratchPath("report-timing");
        try
        {
            return Timed("report", results, "--out", scratch);
        }
        finally
        {
            BenchCli.DeleteQuietly(scratch);
        }
    }

    /// <summary>Wall time of a `bench run` with <paramref name="arguments"/> into a scratch directory.</summary>
    public static TimeSpan Run(params string[] arguments)
    {
        var scratch = BenchCli.ScratchPath("run-timing");
        try
        {
            return Timed([.. arguments, "--out", scratch]);
        }
        finally
        {
            BenchCli.DeleteQuietly(scratch);
        }
    }

    private static TimeSpan Timed(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        BenchCli.Run(TimeSpan.FromMinutes(10), null, arguments);
        return clock.Elapsed;
    }
}
