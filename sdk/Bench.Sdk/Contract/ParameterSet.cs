using System.Collections;
using System.Globalization;
using System.Text;

namespace Bench.Workloads.Contract;

/// <summary>
/// Immutable, ordered name → value map of workload parameters. Ordered so that two cells with the same
/// parameters print and compare identically (results matching in <c>bench compare</c> depends on it).
/// Values are text; typed getters parse them.
/// </summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, string>, IEquatable<ParameterSet>
{
    private readonly SortedDictionary<string, string> _values;

    public static readonly ParameterSet Empty = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private ParameterSet(SortedDictionary<string, string> values) => _values = values;

    public static ParameterSet From(IEnumerable<KeyValuePair<string, string>> values)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key.Contains('\n') || key.Contains('=') || value.Contains('\n'))
            {
                throw new ArgumentException($"parameter '{key}' has a character that cannot be sent to a worker");
            }

            sorted[key] = value;
        }

        return new ParameterSet(sorted);
    }

    public ParameterSet With(string name, string value)
    {
        var copy = new SortedDictionary<string, string>(_values, StringComparer.Ordinal) { [name] = value };
        return From(copy);
    }

    public long GetInt64(string name) => long.Parse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public int GetInt32(string name) => int.Parse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public string GetString(string name) => this[name];

    /// <summary>"a=1;b=x", for display and for keys.</summary>
    public override string ToString() => string.Join(";", _values.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Wire form for worker frames: one "name=value" per line.</summary>
    public byte[] ToWire() => Encoding.UTF8.GetBytes(string.Join("\n", _values.Select(kv => $"{kv.Key}={kv.Value}")));

    public static ParameterSet FromWire(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"malformed parameter line '{line}'");
            }

            pairs.Add(new(line[..eq], line[(eq + 1)..]));
        }

        return From(pairs);
    }

    public string this[string key] => _values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"workload parameter '{key}' is not set");

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<string> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ParameterSet? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
