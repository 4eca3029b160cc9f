using System.Globalization;

namespace Bench.Protocol.Faults;

/// <summary>What an injected fault does when it fires.</summary>
public enum FaultKind
{
    /// <summary>The worker process sends SIGKILL to itself (what the kernel's OOM killer does).</summary>
    KillWorker,

    /// <summary>The worker process exits abruptly with code <see cref="FaultPlan.InjectedExitCode"/>.</summary>
    ExitWorker,

    /// <summary>The item never returns (worker or harness thread).</summary>
    Hang,

    /// <summary>The item throws (worker or harness thread).</summary>
    Throw,

    /// <summary>The worker answers the chunk holding the item with a frame of an unknown type.</summary>
    CorruptFrame,

    /// <summary>The worker answers the chunk holding the item with a header claiming 2 GiB.</summary>
    OversizedFrame,
}

/// <summary>Where an item runs: some faults only make sense in a worker process.</summary>
public enum FaultSite
{
    Worker,
    InProcess,
}

/// <summary>One parsed fault: what, at which item (null = every item), how often, for which workload.</summary>
public sealed record FaultSpec(int Ordinal, FaultKind Kind, int? Item, bool Every, string? Workload)
{
    public bool AppliesAt(FaultSite site) =>
        site == FaultSite.Worker || Kind is FaultKind.Hang or FaultKind.Throw;

    public override string ToString() =>
        $"{FaultPlan.Name(Kind)}@item:{(Item is { } i ? i.ToString(CultureInfo.InvariantCulture) : "*")}" +
        (Every ? ",every" : "") + (Workload is null ? "" : $",workload={Workload}");
}

/// <summary>
/// A testing aid, off unless the <see cref="EnvironmentVariable"/> is set: faults injected into items so
/// that tests can prove the harness neither hangs nor lies when workers die, items hang or throw, or a
/// worker's reply is corrupt. Grammar (docs/faults.md): <c>kind@item:N|*[,every][,workload=NAME]</c>,
/// several separated by <c>;</c>. A fault fires once per item and cell (so a retry can succeed) unless
/// <c>every</c> is given. "Once" is shared by every process of a cell through marker files in the
/// directory named by <see cref="StateVariable"/>; without it, once per process.
/// </summary>
public sealed class FaultPlan
{
    public const string EnvironmentVariable = "BENCH_FAULT";
    public const string StateVariable = "BENCH_FAULT_STATE";
    public const int InjectedExitCode = 42;

    private static readonly (string Name, FaultKind Kind)[] Kinds =
    [
        ("kill-worker", FaultKind.KillWorker),
        ("exit-worker", FaultKind.ExitWorker),
        ("hang", FaultKind.Hang),
        ("throw", FaultKind.Throw),
        ("corrupt-frame", FaultKind.CorruptFrame),
        ("oversized-frame", FaultKind.OversizedFrame),
    ];

    private readonly HashSet<string> _firedHere = [];
    private readonly string? _stateDirectory;

    private FaultPlan(IReadOnlyList<FaultSpec> faults, string? stateDirectory)
    {
        Faults = faults;
        _stateDirectory = stateDirectory;
    }

    public IReadOnlyList<FaultSpec> Faults { get; }

    public static string KindNames => string.Join(", ", Kinds.Select(k => k.Name));

    public static string Name(FaultKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The plan in this process's environment, or null when fault injection is off (or the text is malformed).</summary>
    public static FaultPlan? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return TryParse(text, Environment.GetEnvironmentVariable(StateVariable), out var plan, out _) ? plan : null;
    }

    /// <summary>Parses <paramref name="text"/>; empty text is "no faults" (plan null, no error).</summary>
    public static bool TryParse(string? text, string? stateDirectory, out FaultPlan? plan, out string? error)
    {
        plan = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var faults = new List<FaultSpec>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var spec = ParseOne(part, faults.Count, out error);
            if (spec is null)
            {
                return false;
            }

            faults.Add(spec);
        }

        if (faults.Count == 0)
        {
            return false;
        }

        plan = new FaultPlan(faults, string.IsNullOrEmpty(stateDirectory) ? null : stateDirectory);
        return true;
    }

    private static FaultSpec? ParseOne(string text, int ordinal, out string? error)
    {
        error = null;
        var usage = $"'{text}' is not a fault; write kind@item:N (or item:*), optionally ,every and ,workload=NAME; kinds: {KindNames}";
        var options = text.Split(',', StringSplitOptions.TrimEntries);
        var at = options[0].Split('@');
        if (at.Length != 2 || !at[1].StartsWith("item:", StringComparison.Ordinal))
        {
            error = usage;
            return null;
        }

        var kind = Kinds.FirstOrDefault(k => k.Name == at[0]);
        if (kind.Name is null)
        {
            error = $"unknown fault kind '{at[0]}'; valid: {KindNames}";
            return null;
        }

        int? item = null;
        var itemText = at[1]["item:".Length..];
        if (itemText != "*")
        {
            if (!int.TryParse(itemText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = usage;
                return null;
            }

            item = index;
        }

        var every = false;
        string? workload = null;
        foreach (var option in options.Skip(1))
        {
            if (option == "every")
            {
                every = true;
            }
            else if (option.StartsWith("workload=", StringComparison.Ordinal) && option.Length > "workload=".Length)
            {
                workload = option["workload=".Length..];
            }
            else
            {
                error = $"unknown fault option '{option}' in '{text}'; valid: every, workload=NAME";
                return null;
            }
        }

        return new FaultSpec(ordinal, kind.Kind, item, every, workload);
    }

    /// <summary>
    /// The fault that fires for this item here, if any, and records that it fired (the first match wins).
    /// Thread-safe; across processes the marker file decides which process fires a once-fault.
    /// </summary>
    public FaultSpec? TryFire(string workload, int index, FaultSite site)
    {
        foreach (var fault in Faults)
        {
            if (!fault.AppliesAt(site) || (fault.Item is { } item && item != index) || (fault.Workload is { } w && w != workload))
            {
                continue;
            }

            if (fault.Every || FirstTime($"{fault.Ordinal}-{workload}-{index}"))
            {
                return fault;
            }
        }

        return null;
    }

    private bool FirstTime(string key)
    {
        lock (_firedHere)
        {
            if (!_firedHere.Add(key))
            {
                return false;
            }
        }

        if (_stateDirectory is null)
        {
            return true;
        }

        try
        {
            Directory.CreateDirectory(_stateDirectory);
            // CreateNew is atomic: of all processes of the cell, exactly one creates the marker and fires.
            using var marker = new FileStream(Path.Combine(_stateDirectory, key + ".fired"), FileMode.CreateNew, FileAccess.Write);
            var stamp = System.Text.Encoding.ASCII.GetBytes(
                DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + " " + Environment.ProcessId);
            marker.Write(stamp);
            return true;
        }
        catch (IOException)
        {
            return false; // another process of this cell fired it already
        }
    }
}

/// <summary>The exception an injected <c>throw</c> fault raises inside an item.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
