namespace Bench.Results;

/// <summary>Cell status. Only <see cref="Ok"/> cells are ever presented as timings.</summary>
public static class CellStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Invalid = "invalid";
}

/// <summary>
/// One point of the matrix — workload × strategy × workers × parameters — with its samples.
/// Optional members are filled by later stages (statistics, resources, traces) and may be absent in
/// older or foreign files; readers must cope.
/// </summary>
public sealed record CellResult
{
    public required string Workload { get; init; }

    /// <summary>One of <see cref="Categories"/>: io-bound, cpu-bound, synchronization or overhead.</summary>
    public string? Category { get; init; }

    /// <summary>The strategy's name; <see cref="RunResults.Strategies"/> describes it.</summary>
    public required string Strategy { get; init; }

    /// <summary>A <see cref="CellVariants"/> name (<c>gil</c> under <c>bench run --gil</c>), or null for the plain strategy.</summary>
    public string? Variant { get; init; }

    public required int Workers { get; init; }

    public required int Items { get; init; }

    /// <summary>Items per Run frame for process-pool; null elsewhere.</summary>
    public int? ChunkSize { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required string Status { get; init; }

    public string? Error { get; init; }

    public ValidationResult? Validation { get; init; }

    /// <summary>Wall time of each measured batch, from BenchmarkDotNet's workload-actual iterations.</summary>
    public IReadOnlyList<double> SamplesNs { get; init; } = [];

    /// <summary>
    /// Samples per launch, in launch order, when the cell ran in more than one cell process (null: one
    /// launch). Launches run in separate passes over the matrix, minutes apart, so their spread is the
    /// run-to-run drift of the machine; bench compare makes the launch its unit of replication with it.
    /// </summary>
    public IReadOnlyList<int>? LaunchSampleCounts { get; init; }

    /// <summary>
    /// The <c>bench ab</c> round of each launch, in launch order (null: not an A/B side). Both sides of an
    /// A/B run measure a cell once per round, back to back; the analysis pairs their launches by round.
    /// </summary>
    public IReadOnlyList<int>? LaunchRounds { get; init; }

    public double? MedianNs { get; init; }

    public CellStatistics? Statistics { get; init; }

    /// <summary>
    /// Batches each sample ran, back to back (the invocation count): each of <see cref="SamplesNs"/> is then
    /// their mean, per batch. Optional: null (or absent) means one batch per sample.
    /// </summary>
    public int? BatchesPerSample { get; init; }

    /// <summary>Per-sample resources of the whole process tree (harness + workers), aligned with <see cref="SamplesNs"/>.</summary>
    public IReadOnlyList<SampleResources>? Resources { get; init; }

    public DerivedMetrics? Derived { get; init; }

    public CellTrace? Trace { get; init; }

    /// <summary>Bytes that crossed worker pipes in one batch (both directions).</summary>
    public long? PipeBytesPerBatch { get; init; }

    /// <summary>Time to start the worker pool (process-pool) or null.</summary>
    public double? PoolStartupNs { get; init; }

    /// <summary>Per-cell warnings: noisy, multimodal, retried items, abandoned threads.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The stable identity used to match cells across runs and to resume.</summary>
    public string Key => CellKey.Of(Workload, Strategy, Workers, Parameters, Variant);
}

public sealed record ValidationResult(string Expected, string Actual, bool Ok, string? Note = null, long? LostUpdates = null);

public sealed record CellStatistics
{
    public double MedianNs { get; init; }

    public double MeanNs { get; init; }

    public double MadNs { get; init; }

    /// <summary>Standard deviation ÷ mean.</summary>
    public double CoefficientOfVariation { get; init; }

    public double CiLowerNs { get; init; }

    public double CiUpperNs { get; init; }

    public double CiLevel { get; init; }

    public double MValue { get; init; }

    public int SampleCount { get; init; }
}

public sealed record SampleResources
{
    public double CpuUserNs { get; init; }

    public double CpuSystemNs { get; init; }

    public long PeakRssBytes { get; init; }

    public long VoluntaryContextSwitches { get; init; }

    public long InvoluntaryContextSwitches { get; init; }

    /// <summary>.NET runtime counters of the whole tree (cell process + workers) during the sample; null in files written before them.</summary>
    public RuntimeCounterDeltas? Runtime { get; init; }

    /// <summary>The same counters of the worker processes alone (null without workers); the cell process's own are <see cref="Runtime"/> minus these.</summary>
    public RuntimeCounterDeltas? RuntimeWorkers { get; init; }

    /// <summary>Kernel counters of the whole tree during the sample (perf_event_open); null in files written before them or where none opened.</summary>
    public KernelCounterDeltas? Kernel { get; init; }

    /// <summary>
    /// Proportional set size of the live process tree at the end of the sample (Linux smaps_rollup): each
    /// page shared by k processes counts 1/k, so an image mapped by every worker counts once. Optional: null
    /// where the OS has no smaps_rollup, and in files from before it was recorded.
    /// </summary>
    public long? PssBytes { get; init; }

    /// <summary>Unique set size: the tree's private pages (Private_Clean + Private_Dirty summed over the processes). Optional.</summary>
    public long? UssBytes { get; init; }

    /// <summary>The tree's share of shared pages, <see cref="PssBytes"/> − <see cref="UssBytes"/> (the mapped image, the counter file, the runtime). Optional.</summary>
    public long? SharedBytes { get; init; }

    /// <summary>Processes whose memory <see cref="PssBytes"/> sums (the cell process and the live workers). Optional.</summary>
    public int? MemoryProcesses { get; init; }

    /// <summary>Private bytes (USS) of the live worker processes alone, summed; null without live workers. Optional.</summary>
    public long? WorkerUssBytes { get; init; }
}

/// <summary>
/// What the kernel counted during one sample over the whole process tree (perf_event_open, inherited by
/// every thread and worker process). A counter the machine does not expose is null and named in
/// <see cref="Unavailable"/> with the reason: absent, never zero.
/// </summary>
public sealed record KernelCounterDeltas
{
    public long? TaskClockNs { get; init; }

    public long? ContextSwitches { get; init; }

    public long? CpuMigrations { get; init; }

    public long? MinorPageFaults { get; init; }

    public long? MajorPageFaults { get; init; }

    public long? Instructions { get; init; }

    public long? Cycles { get; init; }

    public long? CacheMisses { get; init; }

    /// <summary>"cycles: ENOENT: this machine exposes no such counter", one per counter not available here.</summary>
    public IReadOnlyList<string>? Unavailable { get; init; }
}

/// <summary>
/// What the .NET runtime counted during one sample, summed over processes: GC collections per
/// generation and their pause time, bytes allocated, monitor-lock contentions, thread-pool threads
/// at the sample's start and end and how many it gained, work items completed, methods JIT-compiled.
/// A worker started during the sample counts whole (from its start, at 0 threads).
/// </summary>
public sealed record RuntimeCounterDeltas
{
    public long Gen0Collections { get; init; }

    public long Gen1Collections { get; init; }

    public long Gen2Collections { get; init; }

    public long GcPauseNs { get; init; }

    public long AllocatedBytes { get; init; }

    public long LockContentions { get; init; }

    public long ThreadPoolThreadsAtStart { get; init; }

    public long ThreadPoolThreadsAtEnd { get; init; }

    /// <summary>Net threads the pool gained during the sample (end − start, at least 0): retired threads hide injected ones.</summary>
    public long ThreadPoolThreadsInjected { get; init; }

    public long CompletedWorkItems { get; init; }

    public long JitCompiledMethods { get; init; }

    /// <summary>How many processes are summed here.</summary>
    public int Processes { get; init; }

    public RuntimeCounterDeltas Plus(RuntimeCounterDeltas o) => new()
    {
        Gen0Collections = Gen0Collections + o.Gen0Collections,
        Gen1Collections = Gen1Collections + o.Gen1Collections,
        Gen2Collections = Gen2Collections + o.Gen2Collections,
        GcPauseNs = GcPauseNs + o.GcPauseNs,
        AllocatedBytes = AllocatedBytes + o.AllocatedBytes,
        LockContentions = LockContentions + o.LockContentions,
        ThreadPoolThreadsAtStart = ThreadPoolThreadsAtStart + o.ThreadPoolThreadsAtStart,
        ThreadPoolThreadsAtEnd = ThreadPoolThreadsAtEnd + o.ThreadPoolThreadsAtEnd,
        ThreadPoolThreadsInjected = ThreadPoolThreadsInjected + o.ThreadPoolThreadsInjected,
        CompletedWorkItems = CompletedWorkItems + o.CompletedWorkItems,
        JitCompiledMethods = JitCompiledMethods + o.JitCompiledMethods,
        Processes = Processes + o.Processes,
    };
}

public sealed record DerivedMetrics
{
    public double ItemsPerSecond { get; init; }

    /// <summary>CPU time of the whole process tree ÷ wall time, over all measured samples.</summary>
    public double? EffectiveCores { get; init; }

    /// <summary>Median time of a single-threaded plain loop over the same items in the cell process.</summary>
    public double? SequentialNs { get; init; }

    /// <summary>The same cell's median at W=1 ÷ this median (same strategy, variant and parameters).</summary>
    public double? SpeedupVsW1 { get; init; }

    /// <summary><see cref="SpeedupVsW1"/> ÷ W: how well the strategy scales from one worker (the report's efficiency).</summary>
    public double? EfficiencyVsW1 { get; init; }

    /// <summary><see cref="SequentialNs"/> ÷ this median.</summary>
    public double? SpeedupVsSequential { get; init; }

    /// <summary><see cref="SpeedupVsSequential"/> ÷ W: also charges the strategy its own overhead at W=1.</summary>
    public double? EfficiencyVsSequential { get; init; }

    /// <summary>Ideal batch time for the cell's work at W (where the workload knows it), and the overhead per item over it.</summary>
    public double? IdealNs { get; init; }

    public double? OverheadPerItemNs { get; init; }

    public long? PeakTreeMemoryBytes { get; init; }
}

public sealed record CellTrace
{
    public IReadOnlyList<ItemSpan> Items { get; init; } = [];

    public IReadOnlyList<ProcessSpan> Processes { get; init; } = [];

    /// <summary>Lock wait/hold intervals (counter workload with sync=lock).</summary>
    public IReadOnlyList<LockSpan> Locks { get; init; } = [];
}

/// <summary>One item's execution: worker is a managed thread id or a process id; times on the shared monotonic clock, relative to the batch start.</summary>
public sealed record ItemSpan(int Index, string Worker, double StartNs, double EndNs);

/// <summary>A worker process's life: spawn requested, ready to serve, exited.</summary>
public sealed record ProcessSpan(int Pid, double SpawnNs, double? ReadyNs, double? ExitNs);

public sealed record LockSpan(string Worker, double WaitStartNs, double AcquiredNs, double ReleasedNs);
