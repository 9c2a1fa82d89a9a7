using Microcircuit.Errors;

namespace Microcircuit.Storage;

/// <summary>
/// Writes a file through a temporary sibling (NAME.PID-ID.tmp), flushed to disk, and a rename, so a crash never leaves
/// half a file.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(contents);
    });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        // Spans cannot be captured by a lambda; copy once (the file is written once per epoch at most).
        byte[] head = header.ToArray(), rest = body.ToArray();
        Write(path, stream =>
        {
            stream.Write(head);
            stream.Write(rest);
        });
    }

    /// <summary>
    /// Lets <paramref name="fill"/> write the content, then flushes it to disk and renames it into place. When anything
    /// fails — a full disk above all — the temporary file is removed and the previous file stays as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> fill)
    {
        string full = Path.GetFullPath(path);
        // A name of this writer's own: two processes writing one file (shares of a comparison finishing together) never
        // share a temporary, and each removes only its own when it fails.
        string temp = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{full}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                fill(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveQuietly(temp);
            throw MicrocircuitException.Keyed(ErrorKind.Io, IsDiskFull(e)
                ? $"cannot write {OptionTemplate.Quote(full)}: no space left on the device; the previous {OptionTemplate.Quote(Path.GetFileName(full))} is intact — free some space, then continue with {{resume}} (or write elsewhere with {{out}})."
                : $"cannot write {OptionTemplate.Quote(full)}: {OptionTemplate.Quote(e.Message.TrimEnd('.'))}; choose a writable {{out}} folder.", e);
        }
        catch
        {
            RemoveQuietly(temp);
            throw;
        }
    }

    /// <summary>ENOSPC or EDQUOT (Linux), ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL (Windows).</summary>
    public static bool IsDiskFull(Exception e) =>
        (OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 112 or 39 : e.HResult is 28 or 122)
        || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);

    private static void RemoveQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done about a file that cannot be removed; the error that brought us here is the one to report.
        }
    }
}
