using Microcircuit.Errors;

namespace Microcircuit.Reporting;

/// <summary>Writes a file through a temporary sibling, flushed to disk, and a rename, so a crash never leaves half a file.</summary>
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

    /// <summary>Lets <paramref name="fill"/> write the content, then flushes it to disk and renames it into place.</summary>
    public static void Write(string path, Action<Stream> fill)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
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
            throw new MicrocircuitException(ErrorKind.Io, $"cannot write {full}: {e.Message.TrimEnd('.')}; choose a writable --out directory.", e);
        }
    }
}
