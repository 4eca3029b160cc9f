namespace Bench.Results;

/// <summary>
/// One invocation of <c>bench run</c>: where it ran, how, and every cell. The root of results.json.
/// Documented field by field in docs/results-schema.md; a change to the shape bumps <see cref="SchemaId"/>.
/// </summary>
public sealed record RunResults
{
    public const string SchemaId = "bench-results/2";

    public string Schema { get; init; } = SchemaId;

    public required EnvironmentInfo Environment { get; init; }

    /// <summary>quick, default or thorough.</summary>
    public required string Profile { get; init; }

    /// <summary>The BenchmarkDotNet job the profile maps to.</summary>
    public required ProfileJob Job { get; init; }

    /// <summary>OS floors measured at the start of the run (null when calibration was skipped).</summary>
    public Calibration? Calibration { get; init; }

    /// <summary>Every strategy the harness had registered, described; cells name theirs (<see cref="CellResult.Strategy"/>).</summary>
    public IReadOnlyList<StrategyDescriptor> Strategies { get; init; } = [];

    public required IReadOnlyList<CellResult> Cells { get; init; }

    public DateTimeOffset? CompletedUtc { get; init; }

    /// <summary>Run-level warnings (e.g. a corrupt journal line skipped on resume).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The descriptor of a strategy the cells name, or <see cref="StrategyDescriptor.Unknown"/> when the table lacks it.</summary>
    public StrategyDescriptor DescribeStrategy(string name) =>
        Strategies.FirstOrDefault(s => s.Name == name) ?? StrategyDescriptor.Unknown(name);
}

/// <summary>The BDN job of a profile: Monitoring strategy, one invocation per iteration.</summary>
public sealed record ProfileJob(string Strategy, int LaunchCount, int WarmupCount, int IterationCount, int InvocationCount);

/// <summary>The machine and software a run measured. Compare warns when two runs differ here.</summary>
public sealed record EnvironmentInfo
{
    public required string Os { get; init; }

    public string? Kernel { get; init; }

    public required string Cpu { get; init; }

    public required int LogicalCores { get; init; }

    public int? PhysicalCores { get; init; }

    public string? Governor { get; init; }

    public required string Runtime { get; init; }

    public string? GcMode { get; init; }

    /// <summary>nativeaot or jit: how the worker executable was built.</summary>
    public required string WorkerBuild { get; init; }

    /// <summary>Widest accelerated vector (bits) of the harness's code, which thread strategies run.</summary>
    public int? VectorBits { get; init; }

    /// <summary>Widest accelerated vector (bits) of the worker's code, which process strategies run; null if it could not be asked.</summary>
    public int? WorkerVectorBits { get; init; }

    public string? GitCommit { get; init; }

    public string? HarnessVersion { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public double? LoadAverage1m { get; init; }

    public string? MachineName { get; init; }

    /// <summary>BENCH_INJECT_SLOWDOWN as set for this run (a testing aid for the regression gate); null when not set.</summary>
    public string? InjectedSlowdown { get; init; }

    /// <summary>The user's workload assembly of a <c>bench run --assembly</c> run, and how its worker processes ran it; null otherwise.</summary>
    public WorkloadAssemblyInfo? WorkloadAssembly { get; init; }
}

/// <summary>A user's workload assembly: where it was, which contract it was built against, which worker ran its items in processes.</summary>
/// <param name="Worker">"jit worker loading the assembly" (Bench's JIT worker), or the assembly's own worker and its build.</param>
public sealed record WorkloadAssemblyInfo(string Path, int Contract, string Worker);

/// <summary>Floors of this machine, in nanoseconds per operation.</summary>
public sealed record Calibration
{
    public double ThreadCreateJoinNs { get; init; }

    public double ProcessSpawnWaitNs { get; init; }

    public double PipeRoundTripNs { get; init; }

    public double UncontendedLockNs { get; init; }

    public double TaskRunNs { get; init; }
}
