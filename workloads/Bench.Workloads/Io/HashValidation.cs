using System.Globalization;
using Bench.Workloads.Contract;

namespace Bench.Workloads.Io;

/// <summary>Item-by-item comparison of payload hashes with the reference's.</summary>
public static class HashValidation
{
    public static Validation Compare(IReadOnlyList<long> expected, ReadOnlySpan<long> actual)
    {
        var matching = 0;
        var firstBad = -1;
        for (var i = 0; i < Math.Min(expected.Count, actual.Length); i++)
        {
            if (expected[i] == actual[i])
            {
                matching++;
            }
            else if (firstBad < 0)
            {
                firstBad = i;
            }
        }

        var ok = matching == expected.Count && actual.Length == expected.Count;
        return new Validation(
            $"{expected.Count} matching hashes",
            $"{matching.ToString(CultureInfo.InvariantCulture)} matching hashes",
            ok,
            firstBad >= 0 ? $"item {firstBad}: hash {actual[firstBad]:x16} differs from the reference {expected[firstBad]:x16}" : null);
    }
}
