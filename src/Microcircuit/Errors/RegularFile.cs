using System.Runtime.InteropServices;

namespace Microcircuit.Errors;

/// <summary>
/// Tells a regular file from a directory, a FIFO, a socket or a device before it is opened: opening a FIFO for
/// reading waits for a writer that may never come, and a device such as /dev/zero never ends, so a data, config or
/// checkpoint path that names one must be refused, not read. Symbolic links are followed. On Linux the type comes
/// from statx(2), whose layout is the same on every architecture; elsewhere only directories are told apart.
/// </summary>
public static partial class RegularFile
{
    /// <summary>What <paramref name="path"/> is when it is not a regular file ("a directory", "a FIFO", …); null when it is one or does not exist.</summary>
    public static string? OtherKind(string path)
    {
        if (Directory.Exists(path)) return "a directory";
        if (!OperatingSystem.IsLinux()) return null;
        uint mode;
        try
        {
            mode = FileType(path);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return mode switch
        {
            0 or RegularType => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a directory",
            _ => "not a regular file",
        };
    }

    /// <summary>
    /// Throws a one-line <paramref name="kind"/> error when <paramref name="path"/> exists but is not a regular file.
    /// </summary>
    /// <param name="what">What the path was meant to be, e.g. "config file" or "dataset file".</param>
    /// <param name="fix">The advice that ends the message.</param>
    public static void Require(string path, string what, ErrorKind kind, string fix)
    {
        if (OtherKind(path) is { } other)
            throw new MicrocircuitException(kind, $"{what} {path} is {other}, not a regular file; {fix}");
    }

    private const uint RegularType = 0x8000;

    /// <summary>The S_IFMT bits of the file's mode, following links; 0 when it cannot be examined (e.g. missing).</summary>
    private static unsafe uint FileType(string path)
    {
        const int AtFdCwd = -100, StatxType = 0x1, ModeOffset = 28;
        byte* buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return 0;
        return *(ushort*)(buffer + ModeOffset) & 0xF000u;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
