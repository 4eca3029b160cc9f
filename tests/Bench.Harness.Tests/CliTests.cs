namespace Bench.Harness.Tests;

[Trait("Category", "Process")]
public class CliTests
{
    [Theory]
    [InlineData("unknown workload 'nope'", "run", "--workloads", "nope")]
    [InlineData("--workers '0'", "run", "--workers", "0")]
    [InlineData("--workers 'abc'", "run", "--workers", "abc")]
    [InlineData("unknown profile 'nope'", "run", "--profile", "nope")]
    [InlineData("unknown strategy 'forks'", "run", "--strategies", "forks")]
    [InlineData("--frob", "run", "--frob")]
    [InlineData("out of range", "run", "--param", "sleep.ms=99999999")]
    [InlineData("unknown parameter 'sleep.nope'", "run", "--param", "sleep.nope=1")]
    [InlineData("threadpool-async needs", "run", "--workloads", "square", "--strategies", "threadpool-async")]
    public void BadInputIsOneLineAndExitCodeTwo(string expected, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Cli.Run(args, output, error);
        Assert.Equal(2, code);
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void ListNamesEveryWorkloadAndStrategy()
    {
        var output = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["list"], output, new StringWriter()));
        foreach (var name in new[] { "square", "sleep", "threads", "threadpool", "threadpool-async", "processes", "process-pool", "sleep.ms" })
        {
            Assert.Contains(name, output.ToString());
        }
    }
}
