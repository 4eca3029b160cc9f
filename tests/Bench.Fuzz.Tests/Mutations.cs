using System.Text;
using CsCheck;

namespace Bench.Fuzz.Tests;

/// <summary>
/// Inputs a reader may meet: a real file broken in the ways files break — bytes flipped, ranges cut or
/// repeated, the end torn off — and in the ways a hand-edited or hostile file is wrong: a value replaced
/// by null, a negative, zero, NaN, a huge number, an escape sequence, an empty or deeply nested structure.
/// </summary>
internal static class Mutations
{
    private static readonly string[] Values =
    [
        "null", "-5", "0", "1e308", "-1e308", "\"NaN\"", "\"Infinity\"", "\"\"", "\"\\u001b[2J\\u001b]0;x\\u0007\"", "[]", "{}", "[null]",
        "{\"a\":null}", "true", "2147483648", "-2147483649", "99999999999999999999999999", new string('[', 5000) + new string(']', 5000),
        "\"" + new string('x', 70_000) + "\"",
    ];

    /// <summary>One mutation of <paramref name="seed"/>.</summary>
    public static Gen<byte[]> Of(byte[] seed) =>
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, seed.Length - 1], Gen.Int[1, 4096], Gen.Int[0, Values.Length - 1], Gen.Byte.Array[1, 32])
            .Select(m => Apply(seed, m.Item1, m.Item2, m.Item3, m.Item4, m.Item5));

    /// <summary>Several mutations applied in turn, or random bytes.</summary>
    public static Gen<byte[]> Many(byte[] seed) =>
        Gen.Frequency(
            (8, Gen.Select(Of(seed), Gen.Int[0, 3]).Select(x => x.Item2 == 0 ? x.Item1 : Again(x.Item1, x.Item2))),
            (1, Gen.Byte.Array[0, 2048]));

    private static byte[] Again(byte[] bytes, int times)
    {
        // Deterministic follow-ups from the bytes themselves: cheap, and still reproducible from the seed.
        var random = new Random(bytes.Length * 31 + times);
        for (var i = 0; i < times && bytes.Length > 1; i++)
        {
            bytes = Apply(bytes, random.Next(7), random.Next(bytes.Length), random.Next(1, 4096), random.Next(Values.Length),
                [(byte)random.Next(256)]);
        }

        return bytes;
    }

    private static byte[] Apply(byte[] seed, int kind, int at, int length, int value, byte[] noise)
    {
        at = Math.Min(at, seed.Length);
        var end = Math.Min(seed.Length, at + length);
        return kind switch
        {
            0 => [.. seed[..at], .. noise, .. seed[Math.Min(seed.Length, at + noise.Length)..]], // bytes overwritten
            1 => [.. seed[..at], .. seed[end..]], // a range cut out
            2 => [.. seed[..end], .. seed[at..]], // a range repeated
            3 => seed[..at], // the end torn off
            4 => ReplaceValue(seed, at, Values[value]),
            5 => [.. seed[..at], .. noise, .. seed[at..]], // bytes inserted
            _ => ReplaceValue(ReplaceValue(seed, at, Values[value]), end, Values[(value + 1) % Values.Length]),
        };
    }

    /// <summary>The JSON value after the first ':' at or after <paramref name="at"/> replaced by <paramref name="value"/> (naively: up to the next , } or ]).</summary>
    private static byte[] ReplaceValue(byte[] json, int at, string value)
    {
        var colon = Array.IndexOf(json, (byte)':', Math.Min(at, json.Length));
        if (colon < 0)
        {
            return json;
        }

        var start = colon + 1;
        var depth = 0;
        var inString = false;
        var end = start;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (inString)
            {
                if (c == '\\')
                {
                    end++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is (byte)'[' or (byte)'{')
            {
                depth++;
            }
            else if (c is (byte)']' or (byte)'}')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }
        }

        return [.. json[..start], .. Encoding.UTF8.GetBytes(value), .. json[Math.Min(end, json.Length)..]];
    }
}
