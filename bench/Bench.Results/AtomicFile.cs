namespace Bench.Results;

/// <summary>
/// Writes a file so that it is either the old content or the whole new content, never a torn mix. When
/// the write fails (a full disk, a path that is a directory) the temporary file is removed and the old
/// content stays: no <c>*.tmp-PID</c> is left behind.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    private static void Write(string path, Action<FileStream> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"Is a directory : '{full}'");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".tmp-{Environment.ProcessId}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done; the original error is the one to report.
            }

            throw;
        }
    }
}
