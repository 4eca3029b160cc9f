using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Sync;

/// <summary>
/// The guide's shared counter (sections 1.2 and 2.2): W workers (one item each) increment a counter K
/// times. With <c>sync=none</c> the increments race and the total comes out short — the lost updates
/// (W·K − total) are the finding, recorded in the validation, and the cell stays ok. With a lock,
/// Interlocked or a named mutex the total must be exactly W·K, else the cell is invalid.
/// <c>layout=adjacent|padded</c> gives each worker its own counter (no race) 8 or 128 bytes apart:
/// JMH's false-sharing sample, where the cost per increment is the finding.
/// The counters live in a memory-mapped file (see <see cref="SharedCounterFile"/>), so the same code
/// races threads in one process and worker processes alike.
/// </summary>
public sealed class CounterWorkload : IWorkload
{
    /// <summary>Runner parameters set by the session (not by the user).</summary>
    public const string FileParameter = "counter-file";
    public const string LengthParameter = "counter-length";
    public const string MutexParameter = "counter-mutex";

    /// <summary>Lock acquisitions recorded per item in a traced batch: enough for the timeline, bounded in size.</summary>
    public const int TracedAcquisitionsPerItem = 64;

    public WorkloadInfo Info { get; } = new(
        "counter",
        "W workers each increment a shared counter K times (sync none|lock|interlocked|mutex); lost updates are the finding; layout adjacent|padded: false sharing",
        WorkloadCategory.Synchronization,
        HasAsyncForm: false,
        [
            ParameterSpec.Integer("increments", "increments per worker (K); 0 = auto by sync: none/interlocked 10M (so W=2 threads overlap and race in most batches), lock 1M, mutex 100k, a quarter of that at quick size; with hold>0 at most 20 ms of holding", 0, 0, 1_000_000_000),
            ParameterSpec.Choice("sync", "none: racing read-modify-write; lock: System.Threading.Lock (threads only); interlocked: atomic add; mutex: a cross-process lock (a POSIX semaphore in the shared file on Linux, like multiprocessing's; a named Mutex elsewhere)", "none", "none", "lock", "interlocked", "mutex"),
            ParameterSpec.Choice("layout", "shared: one counter; adjacent: a counter per worker on one cache line; padded: a counter per worker, 128 bytes apart", "shared", "shared", "adjacent", "padded"),
            ParameterSpec.Integer("hold", "busy work inside the critical section (lock, mutex, and between read and write for none)", 0, 0, 100_000, unit: "us"),
        ]);

    public IWorkloadSession Open(ParameterSet parameters, SessionShape shape)
    {
        var problem = Inapplicable(parameters, shape.ProcessStrategy);
        if (problem is not null)
        {
            // The plan skips these cells; a library caller that opens one anyway gets a one-line reason.
            throw new InvalidOperationException(problem);
        }

        return new CounterSession(parameters, shape.Workers);
    }

    public IItemRunner CreateRunner(ParameterSet runnerParameters) => new CounterRunner(runnerParameters);

    public string? Inapplicable(ParameterSet parameters, bool processStrategy) =>
        processStrategy && parameters.TryGetValue("sync", out var sync) && sync == "lock"
            ? "counter sync=lock is an in-process System.Threading.Lock, which worker processes cannot share; use sync=mutex for process strategies"
            : null;

    /// <summary>The guide's cure for the race, run by default beside sync=none: its own lock for threads, a cross-process one for processes.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Companions(bool processStrategy) =>
        [new Dictionary<string, string>(StringComparer.Ordinal) { ["sync"] = processStrategy ? "mutex" : "lock" }];

    /// <summary>The automatic K is written into the cell's parameters, so its name and key say which K ran.</summary>
    public ParameterSet Complete(ParameterSet resolved, bool quick) =>
        resolved.GetInt64("increments") > 0 ? resolved : resolved.With("increments", Automatic(resolved, quick).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>K for a parameter set: the <c>increments</c> parameter, or the automatic (default-size) choice when it is 0.</summary>
    public static long Increments(ParameterSet parameters)
    {
        var given = parameters.GetInt64("increments");
        return given > 0 ? given : Automatic(parameters, quick: false);
    }

    private static long Automatic(ParameterSet parameters, bool quick)
    {
        // Long enough that W=2 threads, which start a little apart, still overlap for most of their loops on
        // a loaded machine (so updates are lost in most batches), short enough that the slow variants (a
        // contended lock, a cross-process mutex) keep batches under about a second. Quick size is a quarter,
        // which still races in most batches. The figures behind these counts: docs/perf-notes.md.
        var auto = CounterNames.Sync(parameters.GetString("sync")) switch
        {
            CounterSync.Lock => 1_000_000L,
            CounterSync.Mutex => 100_000L,
            _ => 10_000_000L,
        };
        if (quick)
        {
            auto /= 4;
        }

        var hold = parameters.GetInt64("hold");
        return hold > 0 ? Math.Max(1, Math.Min(auto, 20_000 / hold)) : auto;
    }

    private sealed unsafe class CounterSession : IWorkloadSession
    {
        private readonly SharedCounterFile _file;
        private readonly CounterLayout _layout;
        private readonly long _increments;
        private readonly bool _ownsLock;

        public CounterSession(ParameterSet parameters, int workers)
        {
            ItemCount = workers;
            _increments = Increments(parameters);
            _layout = CounterNames.Layout(parameters.GetString("layout"));
            _file = SharedCounterFile.Create(SharedCounterFile.LengthFor(workers));
            _ownsLock = parameters.GetString("sync") == "mutex";
            if (_ownsLock)
            {
                CrossProcessLock.Initialize(_file.LockPlace);
            }

            // The mutex name (where the lock is a named mutex) derives from the session's unique file, so
            // concurrent cells never share a lock.
            var mutexName = "bench-counter-" + Path.GetFileNameWithoutExtension(_file.Path).Split('-')[^1];
            RunnerParameters = parameters
                .With(FileParameter, _file.Path)
                .With(LengthParameter, _file.Length.ToString(CultureInfo.InvariantCulture))
                .With(MutexParameter, mutexName);
        }

        public int ItemCount { get; }

        public ParameterSet RunnerParameters { get; }

        public void BeforeBatch() => _file.Clear();

        public bool BatchesShareState => true;

        public unsafe Validation Validate(ReadOnlySpan<long> itemResults)
        {
            var expected = _increments * ItemCount;
            long total = 0;
            for (var i = 0; i < ItemCount; i++)
            {
                if (_layout != CounterLayout.Shared || i == 0)
                {
                    total += Volatile.Read(ref *_file.At(CounterNames.Offset(_layout, i)));
                }
            }

            // Every item must have done its K increments; only the shared memory may come out short.
            var itemsComplete = itemResults.Length == ItemCount;
            foreach (var r in itemResults)
            {
                itemsComplete &= r == _increments;
            }

            var lost = expected - total;
            var sync = RunnerParameters.GetString("sync");
            var racy = sync == "none" && _layout == CounterLayout.Shared;
            var ok = itemsComplete && (racy ? lost >= 0 : lost == 0);
            var note = lost == 0 ? null : $"lost updates: {lost} of {expected} ({100.0 * lost / expected:0.##}%)";
            return new Validation(
                expected.ToString(CultureInfo.InvariantCulture),
                total.ToString(CultureInfo.InvariantCulture),
                ok,
                itemsComplete ? note : "an item did not report its K increments",
                lost);
        }

        public string? DescribeTiming(double medianBatchNs) => string.Create(CultureInfo.InvariantCulture,
            $"cost per increment: {medianBatchNs / _increments:0.###} ns (median batch / K, K={_increments}; {ItemCount} workers increment at once)");

        public void Dispose()
        {
            if (_ownsLock)
            {
                CrossProcessLock.Destroy(_file.LockPlace);
            }

            _file.Dispose();
        }
    }

    private sealed unsafe class CounterRunner : BlockingItemRunner
    {
        private readonly SharedCounterFile _file;
        private readonly CounterSync _sync;
        private readonly CounterLayout _layout;
        private readonly long _increments;
        private readonly long _holdTicks;
        private readonly Lock _lock = new();
        private readonly ICrossProcessLock? _crossProcessLock;

        public CounterRunner(ParameterSet parameters)
        {
            _sync = CounterNames.Sync(parameters.GetString("sync"));
            _layout = CounterNames.Layout(parameters.GetString("layout"));
            _increments = Increments(parameters);
            _holdTicks = parameters.GetInt64("hold") * Stopwatch.Frequency / 1_000_000;
            _file = SharedCounterFile.Open(parameters.GetString(FileParameter), parameters.GetInt64(LengthParameter));
            if (_sync == CounterSync.Mutex)
            {
                _crossProcessLock = CrossProcessLock.Open(_file.LockPlace, parameters.GetString(MutexParameter));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
        public override long Run(int index)
        {
            var counter = _file.At(CounterNames.Offset(_layout, index));
            switch (_sync)
            {
                case CounterSync.None:
                    for (var k = 0L; k < _increments; k++)
                    {
                        var value = Volatile.Read(ref *counter);
                        Hold();
                        Volatile.Write(ref *counter, value + 1);
                    }

                    break;
                case CounterSync.Interlocked:
                    for (var k = 0L; k < _increments; k++)
                    {
                        Interlocked.Increment(ref *counter);
                    }

                    break;
                case CounterSync.Lock:
                    RunLocked(counter, () => _lock.Enter(), () => _lock.Exit());
                    break;
                case CounterSync.Mutex:
                    var crossProcess = _crossProcessLock!;
                    RunLocked(counter, crossProcess.Enter, crossProcess.Exit);
                    break;
            }

            return _increments;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: no tier-0 code; see docs/workloads.md, "Compiled once, optimized"
        private void RunLocked(long* counter, Action enter, Action exit)
        {
            // The traced batch records the first acquisitions of each item (wait start, acquired, released);
            // the rest of the loop stays free of timestamps.
            var sink = LockTrace.Current;
            var k = 0L;
            for (var traced = 0; sink is not null && traced < TracedAcquisitionsPerItem && k < _increments && sink.Wanted; traced++, k++)
            {
                var waitStart = Stopwatch.GetTimestamp();
                enter();
                var acquired = Stopwatch.GetTimestamp();
                (*counter)++;
                Hold();
                // Read before the release: a timestamp taken after it could be later than the next holder's acquisition.
                var released = Stopwatch.GetTimestamp();
                exit();
                sink.Record(waitStart, acquired, released);
            }

            if (_sync == CounterSync.Lock)
            {
                // The hot path without delegates: what the cost per increment should measure.
                for (; k < _increments; k++)
                {
                    _lock.Enter();
                    (*counter)++;
                    Hold();
                    _lock.Exit();
                }

                return;
            }

            for (; k < _increments; k++)
            {
                enter();
                (*counter)++;
                Hold();
                exit();
            }
        }

        private void Hold()
        {
            if (_holdTicks == 0)
            {
                return;
            }

            var until = Stopwatch.GetTimestamp() + _holdTicks;
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(4);
            }
        }

        public override void Dispose()
        {
            _crossProcessLock?.Dispose();
            _file.Dispose();
        }
    }
}
