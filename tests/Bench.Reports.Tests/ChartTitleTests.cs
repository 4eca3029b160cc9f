using Bench.Reports.Charts;
using Xunit;

namespace Bench.Reports.Tests;

/// <summary>A chart title never runs off the image: long parameter lists shrink it, then break it in two.</summary>
public class ChartTitleTests
{
    [Fact]
    public void A_short_title_keeps_one_line_at_full_size()
    {
        var (text, size) = ChartStyle.FitTitle("Throughput — sleep (items=8, ms=10)");
        Assert.Equal("Throughput — sleep (items=8, ms=10)", text);
        Assert.Equal(18, size);
    }

    [Fact]
    public void A_long_title_is_broken_at_a_parameter_boundary_near_its_middle()
    {
        const string title = "Parallel efficiency vs workers — counter (hold=0, increments=2500000, layout=shared, sync=none)";
        var (text, size) = ChartStyle.FitTitle(title);
        var lines = text.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(title, lines[0] + " " + lines[1]);
        Assert.True(lines[0].EndsWith(',') || lines[1].StartsWith('('), text);
        Assert.InRange(size, 13, 18);
    }

    [Fact]
    public void A_title_without_a_break_point_shrinks_to_the_smallest_size()
    {
        var (text, size) = ChartStyle.FitTitle(new string('x', 400));
        Assert.DoesNotContain('\n', text);
        Assert.Equal(13, size);
    }
}
