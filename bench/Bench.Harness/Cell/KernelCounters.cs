using Bench.Harness.Execution;
using Bench.Harness.Measurement;
using Bench.Harness.Os;
using Bench.Results;

namespace Bench.Harness.Cell;

/// <summary>
/// Kernel counters of the whole process tree around every sample, from <c>perf_event_open</c>: one
/// counter per event on every thread the cell process has when it opens them, each inherited by the
/// threads and processes created later — worker processes included, so a read is the tree's total.
/// Opened before the executor starts its threads and workers (they would not inherit otherwise).
/// A counter the machine refuses (hardware ones in most VMs: ENOENT) is recorded as unavailable, with
/// the reason — never as zero.
/// </summary>
public sealed class KernelCounters : ISampleObserver, IDisposable
{
    private readonly Dictionary<PerfEvent, List<int>> _open = [];
    private long?[] _before = [];

    /// <summary>Why each counter that did not open is missing ("cycles: ENOENT: …").</summary>
    public IReadOnlyList<string> Unavailable { get; }

    /// <summary>One entry per observed sample, warm-ups included, in order.</summary>
    public List<KernelCounterDeltas> Samples { get; } = [];

    /// <param name="open">Opens one event on one thread (the system call; tests pass a refusing one).</param>
    public KernelCounters(Func<PerfEvent, int, int>? open = null)
    {
        open ??= PerfEventSyscall.Open;
        var unavailable = new List<string>();
        var threads = Threads();
        foreach (var perfEvent in PerfEvent.All)
        {
            var fds = new List<int>();
            var error = 0;
            foreach (var tid in threads)
            {
                var fd = open(perfEvent, tid);
                if (fd >= 0)
                {
                    fds.Add(fd);
                }
                else if (fd != -3) // ESRCH: the thread exited meanwhile
                {
                    error = fd;
                    break;
                }
            }

            if (error != 0 || fds.Count == 0)
            {
                fds.ForEach(PerfEventSyscall.Close);
                unavailable.Add($"{perfEvent.Name}: {PerfEventSyscall.Describe(error == 0 ? -3 : error)}");
                continue;
            }

            _open[perfEvent] = fds;
        }

        Unavailable = unavailable;
    }

    public void BeforeSample() => _before = ReadAll();

    public void AfterSample()
    {
        var after = ReadAll();
        long? Delta(PerfEvent e)
        {
            var i = PerfEvent.All.ToList().IndexOf(e);
            return after[i] is { } a && _before[i] is { } b ? a - b : null;
        }

        Samples.Add(new KernelCounterDeltas
        {
            TaskClockNs = Delta(PerfEvent.TaskClock),
            ContextSwitches = Delta(PerfEvent.ContextSwitches),
            CpuMigrations = Delta(PerfEvent.CpuMigrations),
            MinorPageFaults = Delta(PerfEvent.MinorPageFaults),
            MajorPageFaults = Delta(PerfEvent.MajorPageFaults),
            Instructions = Delta(PerfEvent.Instructions),
            Cycles = Delta(PerfEvent.Cycles),
            CacheMisses = Delta(PerfEvent.CacheMisses),
            Unavailable = Unavailable.Count == 0 ? null : Unavailable,
        });
    }

    private long?[] ReadAll()
    {
        var values = new long?[PerfEvent.All.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!_open.TryGetValue(PerfEvent.All[i], out var fds))
            {
                continue;
            }

            long sum = 0;
            foreach (var fd in fds)
            {
                sum += PerfEventSyscall.Read(fd) ?? 0;
            }

            values[i] = sum;
        }

        return values;
    }

    private static List<int> Threads()
    {
        try
        {
            return [.. Directory.EnumerateDirectories("/proc/self/task").Select(d => int.TryParse(Path.GetFileName(d), out var tid) ? tid : 0).Where(t => t > 0)];
        }
        catch (IOException)
        {
            return [Environment.ProcessId];
        }
        catch (UnauthorizedAccessException)
        {
            return [Environment.ProcessId];
        }
    }

    public void Dispose()
    {
        foreach (var fds in _open.Values)
        {
            fds.ForEach(PerfEventSyscall.Close);
        }

        _open.Clear();
    }
}
