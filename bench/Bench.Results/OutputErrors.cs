namespace Bench.Results;

/// <summary>
/// What went wrong writing an output, in the words a user needs: the cause without .NET's decoration, and
/// whether the device is full (then nothing measured is lost: the journal stays whole and
/// <c>--resume</c> measures the rest once there is space).
/// </summary>
public static class OutputErrors
{
    private const int ENOSPC = 28;
    private const int EDQUOT = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool IsOutOfSpace(Exception e) =>
        e is IOException io && (io.HResult is ENOSPC or EDQUOT or WindowsDiskFull or WindowsHandleDiskFull ||
                                io.Message.Contains("No space left on device", StringComparison.Ordinal) ||
                                io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal));

    /// <summary>True when <paramref name="text"/> (a cell's error) says the device was full.</summary>
    public static bool MentionsOutOfSpace(string? text) =>
        text is not null && (text.Contains("No space left on device", StringComparison.Ordinal) ||
                             text.Contains("Disk quota exceeded", StringComparison.Ordinal));

    /// <summary>True when the device holding <paramref name="directory"/> has less than 1 MiB free: a cell that failed
    /// then may well have failed for that reason (some libraries swallow the write error and report something vaguer).</summary>
    public static bool NearlyFull(string directory)
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace < 1024 * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The cause alone: "No space left on device" rather than "No space left on device : '/x/y'".</summary>
    public static string Cause(Exception e)
    {
        var message = e.Message.Split('\n')[0].Trim();
        var at = message.IndexOf(" : '", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
