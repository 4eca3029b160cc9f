namespace Bench.Workloads.Sync;

/// <summary>How the counter workload guards each increment (parameter <c>sync</c>).</summary>
public enum CounterSync
{
    /// <summary>Plain read-modify-write: Volatile.Read, then Volatile.Write of +1 (volatile so the JIT cannot fold the loop). Races.</summary>
    None,

    /// <summary>One <see cref="System.Threading.Lock"/> shared by the runner's threads (guide 1.2). Thread strategies only.</summary>
    Lock,

    /// <summary>Interlocked.Increment (a locked add) on the mapped memory: atomic across threads and processes.</summary>
    Interlocked,

    /// <summary>A named, cross-process <see cref="System.Threading.Mutex"/> (a kernel-backed lock every process can open).</summary>
    Mutex,
}

/// <summary>Where each worker's counter lives (parameter <c>layout</c>).</summary>
public enum CounterLayout
{
    /// <summary>One counter for all workers: the race experiment.</summary>
    Shared,

    /// <summary>One counter per worker, 8 bytes apart: no race, but the same cache line (false sharing).</summary>
    Adjacent,

    /// <summary>One counter per worker, 128 bytes apart: no race and no shared line.</summary>
    Padded,
}

internal static class CounterNames
{
    public static CounterSync Sync(string value) => value switch
    {
        "none" => CounterSync.None,
        "lock" => CounterSync.Lock,
        "interlocked" => CounterSync.Interlocked,
        "mutex" => CounterSync.Mutex,
        _ => throw new ArgumentException($"unknown counter sync '{value}'"),
    };

    public static CounterLayout Layout(string value) => value switch
    {
        "shared" => CounterLayout.Shared,
        "adjacent" => CounterLayout.Adjacent,
        "padded" => CounterLayout.Padded,
        _ => throw new ArgumentException($"unknown counter layout '{value}'"),
    };

    /// <summary>Byte offset of item <paramref name="index"/>'s counter in the shared file.</summary>
    public static long Offset(CounterLayout layout, int index) => layout switch
    {
        CounterLayout.Shared => 0,
        CounterLayout.Adjacent => (long)index * sizeof(long),
        _ => (long)index * SharedCounterFile.SlotStride,
    };
}
