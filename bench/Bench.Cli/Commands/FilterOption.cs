using System.CommandLine;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary><c>--filter GLOB</c>, the same on <c>bench report</c> and <c>bench compare</c> (<see cref="CellFilter"/>).</summary>
internal static class FilterOption
{
    public static Option<string[]> Create(string description) => new("--filter") { Description = description };

    public static CellFilter? Read(ParseResult parse, Option<string[]> option)
    {
        try
        {
            return CellFilter.Of(parse.GetValue(option));
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }
}
