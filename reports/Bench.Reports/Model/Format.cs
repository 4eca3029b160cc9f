using System.Globalization;

namespace Bench.Reports.Model;

/// <summary>
/// Numbers as the report prints them: invariant culture, three significant figures, SI-style units.
/// Null (not measured, not in results.json) prints as <see cref="Missing"/>.
/// </summary>
public static class Format
{
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Duration(double? ns)
    {
        if (ns is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        var magnitude = Math.Abs(v);
        return magnitude switch
        {
            >= 1e9 => $"{Significant(v / 1e9)} s",
            >= 1e6 => $"{Significant(v / 1e6)} ms",
            >= 1e3 => $"{Significant(v / 1e3)} µs",
            _ => $"{Significant(v)} ns",
        };
    }

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b)
        {
            return Missing;
        }

        return b switch
        {
            >= 1L << 30 => $"{Significant(b / (double)(1L << 30))} GiB",
            >= 1L << 20 => $"{Significant(b / (double)(1L << 20))} MiB",
            >= 1L << 10 => $"{Significant(b / 1024.0)} KiB",
            _ => $"{b.ToString(Invariant)} B",
        };
    }

    /// <summary>A rate such as items/s: 12.3k, 4.56M.</summary>
    public static string Rate(double? perSecond)
    {
        if (perSecond is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        return Math.Abs(v) switch
        {
            >= 1e9 => $"{Significant(v / 1e9)}G",
            >= 1e6 => $"{Significant(v / 1e6)}M",
            >= 1e4 => $"{Significant(v / 1e3)}k",
            _ => Significant(v),
        };
    }

    /// <summary>A round axis value: 1, 20, 500, 1k, 20k, 5M.</summary>
    public static string Tick(double value) => Math.Abs(value) switch
    {
        >= 1e9 => (value / 1e9).ToString("0.###", Invariant) + "G",
        >= 1e6 => (value / 1e6).ToString("0.###", Invariant) + "M",
        >= 1e3 => (value / 1e3).ToString("0.###", Invariant) + "k",
        _ => value.ToString("0.###", Invariant),
    };

    /// <summary>A round duration for an axis: 1 s, 10 ms, 200 µs.</summary>
    public static string DurationTick(double ns) => Math.Abs(ns) switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.###", Invariant) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.###", Invariant) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.###", Invariant) + " µs",
        _ => ns.ToString("0.###", Invariant) + " ns",
    };

    public static string Times(double? ratio) => ratio is { } r && double.IsFinite(r) ? $"{Significant(r)}×" : Missing;

    /// <summary>"1.8× (1.6–2.0)": a ratio with its confidence interval, or the ratio alone without one.</summary>
    public static string Times(double? ratio, (double Low, double High)? interval) =>
        interval is { } i && ratio is not null ? $"{Times(ratio)} ({Significant(i.Low)}–{Significant(i.High)})" : Times(ratio);

    /// <summary>"90% (80–100%)": a fraction with its confidence interval.</summary>
    public static string Percent(double? fraction, (double Low, double High)? interval) =>
        interval is { } i && fraction is not null ? $"{Percent(fraction)} ({Percent(i.Low)}–{Percent(i.High)})" : Percent(fraction);

    public static string Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString(Math.Abs(f) < 0.1 ? "0.0" : "0", Invariant) + "%" : Missing;

    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? Significant(v) : Missing;

    public static string Integer(long? value) => value is { } v ? v.ToString("#,0", Invariant) : Missing;

    public static string Workers(double workers) =>
        double.IsPositiveInfinity(workers) ? "unbounded" : workers >= 1e4 ? "> 10,000" : workers.ToString("0.#", Invariant);

    /// <summary>Three significant figures, no exponent for the magnitudes a benchmark produces.</summary>
    public static string Significant(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var magnitude = Math.Abs(value);
        var format = magnitude switch
        {
            >= 100 => "#,0",
            >= 10 => "0.0",
            >= 1 => "0.00",
            >= 0.01 => "0.000",
            _ => "0.#####",
        };
        return value.ToString(format, Invariant);
    }

    public static string Timestamp(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant) : Missing;
}
