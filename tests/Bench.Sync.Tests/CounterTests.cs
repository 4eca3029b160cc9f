using Bench.Harness.Planning;

namespace Bench.Sync.Tests;

/// <summary>
/// The counter's validation under real executors: synchronized variants total exactly W·K in every batch
/// and in both families (threads in one process, worker processes sharing the mapped file); the racing
/// variant records lost updates and stays ok. Races are probabilistic, so "lost updates happen" is asserted
/// over several batches, never for one.
/// </summary>
[Trait("Category", "Process")]
public sealed class CounterTests
{
    [Fact]
    public unsafe void The_lock_slot_is_neither_a_counter_nor_cleared_between_batches()
    {
        // A batch's Clear() zeroing a live semaphore would reset it to "taken" and hang every worker.
        using var file = Bench.Workloads.Sync.SharedCounterFile.Create(Bench.Workloads.Sync.SharedCounterFile.LengthFor(2));
        var lockOffset = file.LockPlace - (byte*)file.At(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => (IntPtr)file.At(lockOffset));
        file.LockPlace[0] = 0xAB;
        *file.At(Bench.Workloads.Sync.SharedCounterFile.SlotStride) = 42;
        file.Clear();
        Assert.Equal(0xAB, file.LockPlace[0]);
        Assert.Equal(0, *file.At(Bench.Workloads.Sync.SharedCounterFile.SlotStride));
    }

    public static TheoryData<string, string, string> Synchronized() => new()
    {
        { "threads", "lock", "200000" },
        { "threads", "interlocked", "1000000" },
        { "threads", "mutex", "20000" },
        { "threadpool", "lock", "200000" },
        { "process-pool", "interlocked", "1000000" },
        { "process-pool", "mutex", "20000" },
        { "processes", "mutex", "20000" },
    };

    [Theory]
    [MemberData(nameof(Synchronized))]
    public void Synchronized_variants_total_exactly_W_times_K(string strategy, string sync, string increments)
    {
        const int workers = 3;
        var validations = CounterCell.Run(strategy, workers, batches: 3, ("sync", sync), ("increments", increments));
        var expected = (workers * long.Parse(increments)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(validations, v =>
        {
            Assert.True(v.Ok, v.Note);
            Assert.Equal(expected, v.Actual);
            Assert.Equal(0, v.LostUpdates);
        });
    }

    [Theory]
    [InlineData("threads")]
    [InlineData("process-pool")]
    public void Sync_none_loses_updates_in_at_least_one_batch_and_stays_ok(string strategy)
    {
        // The default-size automatic K (10M) keeps both workers' loops overlapping for tens of milliseconds.
        var validations = CounterCell.Run(strategy, 2, batches: 8, ("sync", "none"), ("increments", "10000000"));
        Assert.All(validations, v =>
        {
            Assert.True(v.Ok);
            Assert.NotNull(v.LostUpdates);
            Assert.InRange(v.LostUpdates!.Value, 0, 20_000_000);
            Assert.Equal(20_000_000 - long.Parse(v.Actual), v.LostUpdates);
        });
        Assert.Contains(validations, v => v.LostUpdates > 0);
    }

    [Theory]
    [InlineData("adjacent")]
    [InlineData("padded")]
    public void Per_worker_layouts_do_not_race(string layout)
    {
        var validations = CounterCell.Run("threads", 4, batches: 2, ("sync", "none"), ("layout", layout), ("increments", "500000"));
        Assert.All(validations, v =>
        {
            Assert.True(v.Ok);
            Assert.Equal("2000000", v.Actual);
            Assert.Equal(0, v.LostUpdates);
        });
    }

    [Fact]
    public void Default_plan_runs_the_guides_cure_beside_the_race()
    {
        // Without --param: the race (sync=none) everywhere, and the cure for each kind of strategy —
        // the in-process lock under thread strategies, the cross-process mutex under process strategies.
        var request = new RunRequest { Workloads = ["counter"], Workers = [2], Profile = Profile.Find("quick")! };
        var cells = RunPlan.Build(request, Path.GetTempPath(), out var error);
        Assert.Null(error);
        var planned = cells.Select(c => $"{c.Strategy} {c.Parameters["sync"]}").ToList();
        Assert.Equal(
            ["threads none", "threadpool none", "processes none", "process-pool none", "threads lock", "threadpool lock", "processes mutex", "process-pool mutex"],
            planned);

        // A user who chose sync gets that experiment only.
        var chosen = RunPlan.Build(request with { ParameterOverrides = new Dictionary<string, string> { ["counter.sync"] = "none" } }, Path.GetTempPath(), out error);
        Assert.All(chosen, c => Assert.Equal("none", c.Parameters["sync"]));
    }

    [Fact]
    public void Plan_leaves_out_lock_under_process_strategies()
    {
        var request = new RunRequest
        {
            Workloads = ["counter"],
            Strategies = ["threads", "processes", "process-pool"],
            Workers = [2],
            Profile = Profile.Find("quick")!,
            ParameterOverrides = new Dictionary<string, string> { ["counter.sync"] = "lock,mutex" },
        };
        var cells = RunPlan.Build(request, Path.GetTempPath(), out var error);
        Assert.Null(error);
        var planned = cells.Select(c => $"{c.Strategy} {c.Parameters["sync"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["process-pool mutex", "processes mutex", "threads lock", "threads mutex"], planned);

        var onlyLock = RunPlan.Build(request with { Strategies = ["process-pool"], ParameterOverrides = new Dictionary<string, string> { ["counter.sync"] = "lock" } }, Path.GetTempPath(), out error);
        Assert.Empty(onlyLock);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("none", false, 10_000_000)]
    [InlineData("none", true, 2_500_000)]
    [InlineData("lock", false, 1_000_000)]
    [InlineData("mutex", true, 25_000)]
    public void Automatic_K_is_resolved_into_the_cell_parameters_by_sync_and_size(string sync, bool quick, long expected)
    {
        var workload = Bench.Workloads.WorkloadRegistry.Get("counter");
        var parameters = Bench.Workloads.WorkloadRegistry.Resolve(workload, new Dictionary<string, string> { ["sync"] = sync }, quick, out var error);
        Assert.Null(error);
        Assert.Equal(expected, parameters.GetInt64("increments"));

        var given = Bench.Workloads.WorkloadRegistry.Resolve(workload, new Dictionary<string, string> { ["sync"] = sync, ["increments"] = "123" }, quick, out _);
        Assert.Equal(123, given.GetInt64("increments"));
    }

    [Fact]
    public void Opening_lock_for_a_process_strategy_fails_with_a_reason()
    {
        var workload = Bench.Workloads.WorkloadRegistry.Get("counter");
        var parameters = Bench.Workloads.WorkloadRegistry.Resolve(workload, new Dictionary<string, string> { ["sync"] = "lock" }, quick: true, out _);
        var e = Assert.Throws<InvalidOperationException>(() => workload.Open(parameters, new Bench.Workloads.Contract.SessionShape(2, ProcessStrategy: true)));
        Assert.Contains("sync=mutex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gil_flag_adds_gil_variants_of_cpu_bound_thread_cells_only()
    {
        var request = new RunRequest
        {
            Workloads = ["sieve", "sleep"],
            Strategies = ["threads", "threadpool", "process-pool"],
            Workers = [1, 2],
            Profile = Profile.Find("quick")!,
            Gil = true,
        };
        var cells = RunPlan.Build(request, Path.GetTempPath(), out var error);
        Assert.Null(error);
        var gil = cells.Where(c => c.Variant == Bench.Results.CellVariants.Gil).ToList();
        Assert.Equal(4, gil.Count); // sieve × {threads, threadpool} × W {1, 2}
        Assert.All(gil, c => Assert.Equal("sieve", c.Workload));
        Assert.Equal(cells.Count, cells.Select(c => c.Key).Distinct().Count());
        // The variant is the harness's: the workload's parameters are the same as the plain cell's, and the key spells it as v1 did.
        var plain = cells.Single(c => c.Workload == "sieve" && c.Strategy == "threads" && c.Workers == 2 && c.Variant is null);
        var variant = gil.Single(c => c.Strategy == "threads" && c.Workers == 2);
        Assert.Equal(plain.Parameters, variant.Parameters);
        Assert.Contains("gil=on", variant.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("gil", plain.Key, StringComparison.Ordinal);

        RunPlan.Build(request with { Workloads = ["sleep"] }, Path.GetTempPath(), out error);
        Assert.NotNull(error);
    }
}
