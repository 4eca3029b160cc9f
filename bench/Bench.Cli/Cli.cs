using System.CommandLine;
using Bench.Cli.Commands;
using Bench.Results;

namespace Bench.Cli;

/// <summary>
/// The command tree and the one rule every command follows on bad input: one line on stderr naming the
/// problem (and the valid choices), exit code 2, never a stack trace.
/// </summary>
public static class Cli
{
    public const int ExitBadInput = 2;
    public const int ExitInternalError = 70;

    /// <summary>Every exit code, as the top-level help and the README list them.</summary>
    public const string ExitCodes =
        "Exit codes: 0 ok; 1 a cell failed or was invalid (run), a regression (compare, ab); 2 bad input, one line on stderr; " +
        "70 internal error (a bug: please report the line); 130/143 interrupted by SIGINT/SIGTERM (run, ab; finished cells and launches kept).";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("bench — threads or processes? measured on this machine\n\n" + ExitCodes)
        {
            RunCommand.Create(output),
            ListCommand.Create(output),
            CellCommand.Create(),
            CompareCommand.Create(output, error),
            AbCommand.Create(output, error),
            ReportCommand.Create(output),
            CalibrateCommand.Create(output),
            HistoryCommand.Create(output),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var options = string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name));
            var subcommands = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            var choices = subcommands.Length > 0 ? $"commands: {subcommands}" : $"options: {options}";
            error.WriteLine($"bench: {parse.Errors[0].Message} (valid {choices})");
            return ExitBadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (BadInputException e)
        {
            error.WriteLine($"bench: {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is ResultsFileException or Bench.Store.StoreException or Bench.Workloads.External.WorkloadAssemblyException)
        {
            error.WriteLine($"bench: {e.Message}");
            return ExitBadInput;
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"bench: {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is Bench.Harness.Run.RunDirectoryException or Bench.Harness.Ab.AbInputException)
        {
            error.WriteLine($"bench: {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A path that cannot be written (read-only, full, a directory where a file goes): .NET's message names it.
            error.WriteLine($"bench: cannot write or read a file: {e.Message.Split('\n')[0]}");
            return ExitBadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"bench: internal error: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return ExitInternalError;
        }
    }
}

/// <summary>Input the user can fix; printed as one line with exit code 2.</summary>
public sealed class BadInputException(string message) : Exception(message);
