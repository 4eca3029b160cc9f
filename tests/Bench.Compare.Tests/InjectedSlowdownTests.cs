using System.Diagnostics;
using Bench.Workloads.Contract;
using Bench.Workloads.Testing;
using Xunit;

namespace Bench.Compare.Tests;

public class InjectedSlowdownTests
{
    [Theory]
    [InlineData("sleep:10%", "sleep", 0.10)]
    [InlineData("square:5%, sleep:25%", "sleep", 0.25)]
    [InlineData("square:5%", "sleep", null)]
    [InlineData("", "sleep", null)]
    [InlineData(null, "sleep", null)]
    public void The_variable_names_workloads_and_percentages(string? variable, string workload, double? expected)
    {
        var fraction = InjectedSlowdown.FractionFor(workload, variable);
        if (expected is null)
        {
            Assert.Null(fraction);
        }
        else
        {
            Assert.Equal(expected.Value, fraction!.Value, 9);
        }
    }

    [Theory]
    [InlineData("sleep")]
    [InlineData("sleep:10")]
    [InlineData("sleep:ten%")]
    [InlineData(":10%")]
    public void A_malformed_variable_is_an_error_not_silence(string variable) =>
        Assert.Throws<FormatException>(() => InjectedSlowdown.FractionFor("sleep", variable));

    [Fact]
    public void Only_the_named_workload_is_wrapped()
    {
        using var plain = new SleepRunner(1);
        Assert.Same(plain, InjectedSlowdown.Apply("square", plain, "sleep:10%"));
        Assert.IsType<SlowdownItemRunner>(InjectedSlowdown.Apply("sleep", plain, "sleep:10%"));
    }

    [Fact]
    public async Task The_decorator_adds_at_least_the_fraction_of_item_time_and_keeps_results()
    {
        // A lower bound only: the spin waits until (1 + fraction) × the item's time has passed; load can only add.
        using var runner = new SlowdownItemRunner(new SleepRunner(20), 0.5);
        var watch = Stopwatch.StartNew();
        Assert.Equal(7, runner.Run(7));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(30), $"{watch.Elapsed.TotalMilliseconds} ms");

        watch.Restart();
        Assert.Equal(3, await runner.RunAsync(3, CancellationToken.None));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(30), $"{watch.Elapsed.TotalMilliseconds} ms");
    }

    private sealed class SleepRunner(int milliseconds) : IItemRunner
    {
        public long Run(int index)
        {
            Thread.Sleep(milliseconds);
            return index;
        }

        public async ValueTask<long> RunAsync(int index, CancellationToken cancellationToken)
        {
            await Task.Delay(milliseconds, cancellationToken);
            return index;
        }

        public void Dispose()
        {
        }
    }
}
