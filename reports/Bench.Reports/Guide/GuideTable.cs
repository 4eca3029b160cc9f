using Bench.Reports.Claims;
using Bench.Reports.Model;
using Bench.Results;

namespace Bench.Reports.Guide;

/// <summary>One measured cell of the guide table: text backed by results.json numbers; <see cref="Contradicts"/> when it disagrees with the guide.</summary>
public sealed record GuideCell(string Text, bool Contradicts = false);

public sealed record GuideRow(string Feature, string GuideSays, IReadOnlyDictionary<string, GuideCell> Measured);

/// <summary>
/// The guide's comparison table (section 3) rebuilt from this run: the guide's claim, then one measured
/// column per strategy. Every measured cell quotes a number from results.json (or "—" when the run did not
/// measure it), and <see cref="Contradictions"/> says in plain words where .NET on this machine disagrees.
/// </summary>
public sealed class GuideTable
{
    private readonly ReportData _data;
    private readonly CategoryRanking? _io;
    private readonly CategoryRanking? _cpu;
    private readonly List<string> _contradictions = [];

    public GuideTable(ReportData data)
    {
        _data = data;
        _io = CategoryRanking.Of(data, Categories.IoBound);
        _cpu = CategoryRanking.Of(data, Categories.CpuBound);
        Strategies = data.Strategies;
        Rows =
        [
            Row(GuideClaims.BestFor, BestFor),
            Row(GuideClaims.Memory, Memory),
            Row(GuideClaims.Execution, Execution),
            Row(GuideClaims.Speed, Speed),
            Row(GuideClaims.RaceConditions, RaceConditions),
            Row(GuideClaims.StartUp, StartUp),
            Row(GuideClaims.PerItemOverhead, PerItemOverhead),
        ];
        AddContradictions();
    }

    /// <summary>The columns: the run's series in display order, with their families.</summary>
    public Strategies Strategies { get; }

    public IReadOnlyList<GuideRow> Rows { get; }

    public IReadOnlyList<string> Contradictions => _contradictions;

    private GuideRow Row(string feature, Func<string, GuideCell> measure)
    {
        var claim = GuideClaims.Rows.First(r => r.Feature == feature);
        var says = $"Threads: {claim.Threads}. Processes: {claim.Processes}.";
        return new GuideRow(feature, says, Strategies.ToDictionary(s => s, measure, StringComparer.Ordinal));
    }

    private IEnumerable<CellView> Ok(string strategy) => _data.OkCells.Where(c => c.Strategy == strategy);

    private GuideCell BestFor(string strategy)
    {
        var parts = new List<string>();
        var contradicts = false;
        foreach (var ranking in new[] { _io, _cpu }.OfType<CategoryRanking>())
        {
            if (ranking.Find(strategy) is not { } ranked)
            {
                continue;
            }

            var best = ranked.BestCells.MaxBy(c => c.ItemsPerSecond)!;
            var versus = ranking.VersusLeader(ranked);
            var place = ranking.Tied.Contains(ranked)
                ? ranking.IsTie ? $"tied 1st of {ranking.Ranked.Count}" : $"1st of {ranking.Ranked.Count}"
                : $"{Format.Times(versus.Ratio)} slower than {ranking.Leader.Strategy}, {versus.IntervalText(ranking.Options)}";
            parts.Add($"{Categories.Title(ranking.Category)}: {place} ({Format.Rate(best.ItemsPerSecond)} items/s, {best.Workload} W={best.Workers})");
            // The guide recommends threads for I/O and processes for CPU: a win for the other family (its
            // strategies beat every one of the guide's, significantly and beyond the threshold) disagrees.
            if (ranking.Tied.Contains(ranked) && Strategies.FamilyOf(strategy) is { } family &&
                GuideClaims.Recommends(ranking.Category) is { } recommended && family != recommended &&
                Headline.GuideAgrees(Strategies, ranking, recommended) == false)
            {
                contradicts = true;
            }
        }

        return parts.Count == 0 ? new GuideCell(Format.Missing) : new GuideCell(string.Join("; ", parts), contradicts);
    }

    private GuideCell Memory(string strategy)
    {
        var series = Strategies.Describe(strategy);
        // Workers of `processes` exit within the batch: at the sample's end only the cell process is left to
        // read, so its PSS says nothing about them; their summed peak RSS stays the figure there.
        var pssMeaningful = !(series.IsProcessFamily && !series.Strategy.Pooled);
        var pss = pssMeaningful ? Ok(strategy).Where(c => c.Memory is not null).MaxBy(c => (c.Workers, c.Memory!.PssBytes)) : null;
        if (pss is not null)
        {
            var m = pss.Memory!;
            var text = $"PSS {Format.Bytes(m.PssBytes)}: private {Format.Bytes(m.UssBytes)}";
            if (m.WorkerUssBytes is { } workers && pss.Workers > 0)
            {
                text += $" ({Format.Bytes(workers / pss.Workers)} per worker process)";
            }

            text += $", shared {Format.Bytes(m.SharedBytes)} counted once ({pss.Workload} W={pss.Workers})";
            var baseline = PlainThreads();
            var threads = baseline is null ? null : Ok(baseline).FirstOrDefault(c => c.Workload == pss.Workload && c.Workers == pss.Workers && c.Memory is not null && SameParameters(c, pss));
            if (threads is not null && strategy != baseline)
            {
                text += $"; {Format.Times(m.PssBytes / (double)threads.Memory!.PssBytes!.Value)} {baseline}' PSS";
            }

            return new GuideCell(text);
        }

        var cell = Ok(strategy).Where(c => c.PeakMemoryBytes is not null).MaxBy(c => (c.Workers, c.PeakMemoryBytes));
        if (cell is null)
        {
            return new GuideCell(Format.Missing);
        }

        // Without PSS (another OS, an older file, or workers that exit within the batch): summed peak RSS,
        // which counts every page the processes share once per process.
        var peak = $"peak tree memory {Format.Bytes(cell.PeakMemoryBytes)} ({cell.Workload} W={cell.Workers}; summed RSS, shared pages counted per process" +
                   (pssMeaningful ? "" : ": the workers exit within the batch, so their PSS cannot be read") + ")";
        var plain = PlainThreads();
        var plainCell = plain is null ? null : Ok(plain).FirstOrDefault(c => c.Workload == cell.Workload && c.Workers == cell.Workers && c.PeakMemoryBytes is not null && SameParameters(c, cell));
        if (plainCell is not null && strategy != plain)
        {
            peak += $", {Format.Times(cell.PeakMemoryBytes / (double)plainCell.PeakMemoryBytes!.Value)} {plain}'";
        }

        return new GuideCell(peak);
    }

    /// <summary>The thread per item, the guide's plainest form (threads), that memory is compared with.</summary>
    private string? PlainThreads() =>
        Strategies.PlainOfFamily(StrategyFamily.Thread).FirstOrDefault(s => Strategies.Describe(s).Strategy is { Pooled: false, Async: false });

    private static bool SameParameters(CellView a, CellView b) =>
        CellKey.ParameterText(a.Cell.Parameters, null, ";") == CellKey.ParameterText(b.Cell.Parameters, null, ";");

    private GuideCell Execution(string strategy)
    {
        var cpu = Ok(strategy).Where(c => c.Cell.Category == Categories.CpuBound).ToList();
        // "Single core" is contradicted by a speedup significantly above 1 and beyond the threshold.
        var speedup = cpu.Where(c => c.SpeedupVsW1 is not null && c.Workers > 1).MaxBy(c => c.SpeedupInterval?.Low ?? 0);
        var parallel = Strategies.IsThreadFamily(strategy) && speedup is not null && MoreThanOneCore(speedup);
        var speedupText = speedup is null ? "" : $"speedup {Format.Times(speedup.SpeedupVsW1)} ({IntervalText(speedup.SpeedupInterval)}) at W={speedup.Workers} on {speedup.Workload}";
        var cores = cpu.Where(c => c.EffectiveCores is not null).MaxBy(c => c.EffectiveCores);
        if (cores is not null)
        {
            return new GuideCell(
                $"{Format.Number(cores.EffectiveCores)} effective cores on CPU-bound work ({cores.Workload} W={cores.Workers})" + (speedupText.Length > 0 ? "; " + speedupText : ""),
                parallel);
        }

        return speedup is null
            ? new GuideCell(Format.Missing)
            : new GuideCell($"CPU-bound {speedupText} (no CPU-time data)", parallel);
    }

    /// <summary>True when the speedup's interval lies above 1 and its estimate beyond the threshold.</summary>
    public bool MoreThanOneCore(CellView cell) =>
        cell.SpeedupInterval is { } interval && interval.Low > 1 && cell.SpeedupVsW1 > 1 + _data.Options.ThresholdFraction;

    private string IntervalText((double Low, double High)? interval) =>
        interval is { } i ? $"{_data.Options.Confidence * 100:0.#}% CI {Format.Significant(i.Low)}–{Format.Significant(i.High)}×" : "no interval";

    private GuideCell Speed(string strategy)
    {
        var parts = new List<string>();
        foreach (var category in new[] { Categories.IoBound, Categories.CpuBound })
        {
            var best = Ok(strategy).Where(c => c.Cell.Category == category && c.SpeedupVsW1 is not null && c.Workers > 1).MaxBy(c => c.SpeedupVsW1);
            if (best is not null)
            {
                parts.Add($"{Categories.Title(category)}: {Format.Times(best.SpeedupVsW1)} speedup at W={best.Workers}");
            }
        }

        var contradicts = SlowerThanThreadsOnCpu(strategy) is not null;
        return parts.Count == 0 ? new GuideCell(Format.Missing) : new GuideCell(string.Join("; ", parts), contradicts);
    }

    /// <summary>
    /// The comparison of the best thread strategy with this process strategy on CPU-bound work, where the
    /// thread is faster significantly and beyond the threshold (the guide says processes are faster); else null.
    /// </summary>
    public RatioComparison? SlowerThanThreadsOnCpu(string strategy)
    {
        if (_cpu is not { Ranked.Count: > 1 } cpu || !Strategies.IsProcessFamily(strategy) || cpu.Find(strategy) is not { } mine ||
            cpu.Ranked.FirstOrDefault(r => Strategies.IsThreadFamily(r.Strategy)) is not { } thread)
        {
            return null;
        }

        var comparison = cpu.Compare(thread, mine);
        return comparison.Win ? comparison : null;
    }

    public CategoryRanking? Io => _io;

    public CategoryRanking? Cpu => _cpu;

    private GuideCell RaceConditions(string strategy)
    {
        var counted = Ok(strategy).Concat(_data.Cells.Where(c => c.Strategy == strategy && c.Cell.Status == CellStatus.Invalid))
            .Where(c => c.LostUpdates is not null)
            .ToList();
        var process = Strategies.IsProcessFamily(strategy);
        if (counted.Count == 0)
        {
            return new GuideCell(process
                ? "none possible while processes share nothing (items and results cross pipes); " + Format.Missing + " for shared memory: the counter experiment did not run"
                : Format.Missing + " (no lost-update count: the counter experiment did not run)");
        }

        // Both halves of the guide's row: the race (sync=none) and its cure (a lock or a cross-process mutex).
        var racing = counted.Where(c => Sync(c) == "none").ToList();
        var cured = counted.Where(c => Sync(c) is "lock" or "mutex" && c.IsOk).ToList();
        var parts = new List<string>();
        var worst = (racing.Count > 0 ? racing : counted).MaxBy(c => c.LostUpdates)!;
        var where = process ? " in memory shared between processes" : "";
        parts.Add(racing.Count > 0 && worst.LostUpdates == 0
            ? $"no lost updates{where} without a lock in {racing.Count} cells"
            : $"{Format.Integer(worst.LostUpdates)} lost updates{where} at most{(racing.Count > 0 ? " without a lock" : "")} ({worst.Workload} {Parameters(worst)} W={worst.Workers}; {(racing.Count > 0 ? racing.Count : counted.Count)} cells)");
        if (cured.Count > 0)
        {
            // Cost per increment: batch time ÷ (W workers × K increments each), at the largest W measured.
            var largest = cured.MaxBy(c => (c.Workers, c.Ordinal))!;
            var perIncrement = largest.MedianNs is { } median && long.TryParse(largest.Cell.Parameters.GetValueOrDefault("increments"), out var k) && k > 0
                ? $", {Format.Duration(median / (k * largest.Workers))} per increment at W={largest.Workers}"
                : "";
            var lost = cured.Sum(c => c.LostUpdates ?? 0);
            parts.Add(lost == 0
                ? $"exact with sync={Sync(largest)} ({cured.Count} cells){perIncrement}"
                : $"{Format.Integer(lost)} lost even with sync={Sync(largest)}");
        }
        else if (!counted.Any(c => Sync(c) is "lock" or "mutex"))
        {
            parts.Add("the cure (sync=lock for threads, sync=mutex for processes) did not run");
        }

        if (process)
        {
            parts.Add("none possible while processes share nothing");
        }

        return new GuideCell(string.Join("; ", parts), process && racing.Any(c => c.LostUpdates > 0));
    }

    private static string Sync(CellView cell) => cell.Cell.Parameters.GetValueOrDefault("sync") ?? "none";

    private static string Parameters(CellView cell) =>
        string.Join(" ", cell.Cell.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private GuideCell StartUp(string strategy)
    {
        var calibration = _data.Calibration;
        var spawnFloor = OsFloor.Of(calibration, OsFloor.ProcessSpawnWait);
        var series = Strategies.Describe(strategy);
        if (series.IsProcessFamily && !series.Strategy.Pooled)
        {
            var spawns = _data.OkCells.Where(c => c.Strategy == strategy && c.Cell.Trace is not null)
                .SelectMany(c => c.Cell.Trace!.Processes)
                .Where(p => p.ReadyNs is not null && p.ReadyNs > p.SpawnNs)
                .Select(p => p.ReadyNs!.Value - p.SpawnNs)
                .ToList();
            if (spawns.Count > 0)
            {
                return new GuideCell($"{Format.Duration(Stats.Median(spawns))} per worker process, spawn to ready (median of {spawns.Count} traced)" + Floor(spawnFloor, "spawn+wait floor"));
            }

            return spawnFloor is not null ? new GuideCell($"OS floor: {Format.Duration(spawnFloor)} spawn+wait") : new GuideCell(Format.Missing);
        }

        if (series.IsProcessFamily)
        {
            var pools = Ok(strategy).Where(c => c.Cell.PoolStartupNs > 0).ToList();
            if (pools.Count > 0)
            {
                var largest = pools.MaxBy(c => c.Workers)!;
                return new GuideCell($"{Format.Duration(largest.Cell.PoolStartupNs)} to start a pool of {largest.Workers} (once, before the batches)");
            }

            return spawnFloor is not null ? new GuideCell($"OS floor: {Format.Duration(spawnFloor)} per process spawn+wait") : new GuideCell(Format.Missing);
        }

        // Threads start at the cost of the floor they are compared with; a pool's threads exist already.
        var floor = OsFloor.Of(calibration, series.Strategy.OsFloor);
        return series.IsThreadFamily && floor is not null
            ? new GuideCell($"{Format.Duration(floor)} per {OsFloor.Label(series.Strategy.OsFloor)} (calibration)" + (series.Strategy.Pooled ? "; pool threads already exist" : ""))
            : new GuideCell(Format.Missing);
    }

    private GuideCell PerItemOverhead(string strategy)
    {
        // Items with no work (the overhead category: square) measure the strategy's own cost directly:
        // worker-time per item = median · W / items. Only without them fall back to cells whose ideal is
        // known (sleep), where the figure also carries the OS timer's slack.
        var trivial = Ok(strategy).Where(c => c.Cell.Category == Categories.Overhead && c.MedianNs is > 0 && c.Cell.Items > 0)
            .Select(c => c.MedianNs!.Value * c.Workers / c.Cell.Items).ToList();
        var overheads = trivial.Count > 0
            ? trivial
            : Ok(strategy).Where(c => c.OverheadPerItemNs is not null).Select(c => c.OverheadPerItemNs!.Value).ToList();
        if (overheads.Count == 0)
        {
            return new GuideCell(Format.Missing);
        }

        var median = Stats.Median(overheads)!.Value;
        var text = trivial.Count > 0
            ? $"{Format.Duration(median)} per trivial item (median · W ÷ items, median of {overheads.Count} overhead cells)"
            : $"{Format.Duration(median)} per item over the ideal (median of {overheads.Count} cells)";
        var (floor, name) = FloorFor(strategy);
        if (floor > 0)
        {
            text += $" = {Format.Times(median / floor)} the {name} floor ({Format.Duration(floor)})";
        }

        return new GuideCell(text);
    }

    /// <summary>The OS floor a strategy's per-item cost is naturally compared with (its descriptor's <see cref="StrategyDescriptor.OsFloor"/>).</summary>
    public (double Floor, string Name) FloorFor(string strategy)
    {
        var key = Strategies.Describe(strategy).Strategy.OsFloor;
        return OsFloor.Of(_data.Calibration, key) is { } floor ? (floor, OsFloor.Label(key)) : (0, "");
    }

    private void AddContradictions()
    {
        // No GIL: the guide's "single core" is CPython's; .NET threads run managed code on every core. Said
        // only where a thread cell's speedup is above 1 significantly and beyond the threshold.
        var parallel = _data.OkCells
            .Where(c => Strategies.IsThreadFamily(c.Strategy) && !Strategies.IsGil(c.Strategy) && c.Cell.Category == Categories.CpuBound && c.Workers > 1 && MoreThanOneCore(c))
            .MaxBy(c => c.SpeedupInterval!.Value.Low);
        if (parallel is not null)
        {
            var cores = parallel.EffectiveCores is { } effective ? $", {Format.Number(effective)} effective cores" : "";
            _contradictions.Add(
                $"Execution: the guide says threads run on a single core (GIL limitation). .NET has no GIL: {parallel.Strategy} reached " +
                $"{Format.Times(parallel.SpeedupVsW1)} speedup ({IntervalText(parallel.SpeedupInterval)}{cores}) on CPU-bound {parallel.Workload} at W={parallel.Workers}.");
        }
        else
        {
            _contradictions.Add(
                "Execution: the guide's single-core limit is CPython's GIL, which .NET does not have; this run has no CPU-bound thread cell whose speedup over W=1 is significant and beyond the threshold to show it" +
                $" (this machine has {_data.Environment.LogicalCores} logical cores).");
        }

        AddGilComparison();

        if (_cpu is { Ranked.Count: > 1 } cpu && Headline.GuideAgrees(Strategies, cpu, StrategyFamily.Process) == false &&
            cpu.Ranked.FirstOrDefault(r => Strategies.IsProcessFamily(r.Strategy)) is { } process)
        {
            var effect = cpu.VersusLeader(process);
            _contradictions.Add(
                $"Speed / best for: the guide says processes are faster for CPU tasks. Here {cpu.Leader.Strategy} had " +
                $"{Format.Times(effect.Ratio)} the throughput of {process.Strategy} on CPU-bound work ({effect.IntervalText(cpu.Options)}).");
        }

        if (_io is { Ranked.Count: > 1 } io && Headline.GuideAgrees(Strategies, io, StrategyFamily.Thread) == false)
        {
            _contradictions.Add($"Best for: the guide says threads for I/O-bound tasks. Here {Headline.Names([.. io.Tied.Select(r => r.Strategy)])} had the highest I/O-bound throughput, beyond the ±{io.Options.ThresholdFraction * 100:0.#} % threshold and significantly.");
        }

        var processRace = _data.Cells.Where(c => Strategies.IsProcessFamily(c.Strategy) && c.LostUpdates > 0).MaxBy(c => c.LostUpdates);
        if (processRace is not null)
        {
            _contradictions.Add($"Race conditions: the guide says processes have none. {processRace.Label} lost {Format.Integer(processRace.LostUpdates)} updates to shared memory.");
        }
    }

    /// <summary>With <c>--gil</c> runs: the Python-like threads' best CPU-bound speedup next to .NET threads' on the same workload.</summary>
    private void AddGilComparison()
    {
        var gil = _data.OkCells
            .Where(c => Strategies.IsGil(c.Strategy) && c.Cell.Category == Categories.CpuBound && c.Workers > 1 && c.SpeedupVsW1 is not null)
            .MaxBy(c => (c.Workers, c.SpeedupVsW1));
        if (gil is null)
        {
            return;
        }

        var plain = gil.Cell.Strategy;
        var dotnet = _data.OkCells.FirstOrDefault(c => c.Strategy == plain && c.Workload == gil.Workload && c.Workers == gil.Workers && c.SpeedupVsW1 is not null &&
                                                       CellKey.Of(c.Workload, plain, c.Workers, c.Cell.Parameters) == CellKey.Of(gil.Workload, plain, gil.Workers, gil.Cell.Parameters));
        var text = $"Execution, why the guide says it: with a CPython-like GIL (--gil, 5 ms switch interval) {gil.Strategy} reached {Format.Times(gil.SpeedupVsW1)} speedup on {gil.Workload} at W={gil.Workers}";
        text += dotnet is null ? "." : $"; the same .NET {plain} without a GIL reached {Format.Times(dotnet.SpeedupVsW1)}.";
        _contradictions.Add(text);
    }

    private static string Floor(double? floor, string name) => floor > 0 ? $"; OS {name} {Format.Duration(floor)}" : "";

    private static string Ordinal(int n) => n switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{n}th" };
}
