using System.IO.Compression;
using System.Security.Cryptography;
using Microcircuit.Errors;

namespace Microcircuit.Data;

/// <summary>
/// Reads the payload of a dataset file, plain or gzip-compressed (recognised by the magic bytes 1f 8b,
/// not by the name), and hashes the decompressed bytes with SHA-256 as they pass, so verification costs
/// no second read. Every I/O or format failure surfaces as a one-line <c>MicrocircuitException</c>
/// naming the file.
/// </summary>
internal sealed class PayloadReader : IDisposable
{
    private const int Chunk = 1 << 20;

    private readonly FileStream _file;
    private readonly Stream _payload;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    private PayloadReader(string path, string remedy, FileStream file, bool compressed)
    {
        Path = path;
        Remedy = remedy;
        _file = file;
        IsCompressed = compressed;
        _payload = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
    }

    /// <summary>The file being read, as given.</summary>
    public string Path { get; }

    /// <summary>The fix to suggest when the file turns out to be damaged.</summary>
    public string Remedy { get; }

    public bool IsCompressed { get; }

    /// <summary>Size of the file on disk (compressed size for gzip files).</summary>
    public long FileLength => _file.Length;

    /// <summary>Bytes of payload consumed so far.</summary>
    public long Position => _position;

    public static PayloadReader Open(string path, string remedy = DatasetFault.ReplaceFile)
    {
        RegularFile.Require(path, "Dataset file", ErrorKind.DatasetCorrupt, $"fix: {remedy}.");
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool compressed = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            return new PayloadReader(path, remedy, file, compressed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw DatasetFault.Unreadable(path, e);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> completely; a payload that ends first is reported as truncated,
    /// with <paramref name="what"/> saying which part was being read.
    /// </summary>
    public void ReadExactly(Span<byte> destination, string what)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int want = Math.Min(Chunk, destination.Length - filled);
            int got = ReadSome(destination.Slice(filled, want));
            if (got == 0)
            {
                throw DatasetFault.Corrupt(Path,
                    $"ends early (truncated): its {PayloadWord} stops after {_position} bytes while reading {what}",
                    Remedy);
            }

            filled += got;
        }
    }

    /// <summary>
    /// Confirms that the payload has ended; <paramref name="expectedLength"/> is only quoted in the error.
    /// </summary>
    public void ExpectEnd(long expectedLength)
    {
        Span<byte> probe = stackalloc byte[1];
        if (ReadSome(probe) != 0)
        {
            throw DatasetFault.Corrupt(Path,
                $"is longer than its header allows: expected exactly {expectedLength} payload bytes{CompressionNote}",
                Remedy);
        }
    }

    /// <summary>Reads and hashes the rest of the payload, returning how many bytes it held.</summary>
    public long SkipToEnd()
    {
        byte[] buffer = new byte[Chunk];
        long total = 0;
        int got;
        while ((got = ReadSome(buffer)) > 0)
        {
            total += got;
        }

        return total;
    }

    /// <summary>Lower-case hex SHA-256 of all payload bytes read so far.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose()
    {
        _hash.Dispose();
        if (IsCompressed)
        {
            _payload.Dispose();
        }

        _file.Dispose();
    }

    private string CompressionNote => IsCompressed ? " after decompression" : "";

    private string PayloadWord => IsCompressed ? "decompressed payload" : "content";

    private int ReadSome(Span<byte> destination)
    {
        int got;
        try
        {
            got = _payload.Read(destination);
        }
        catch (InvalidDataException e)
        {
            throw DatasetFault.Corrupt(Path,
                $"is not a valid gzip stream at payload offset {_position} ({e.Message})", Remedy, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetFault.Unreadable(Path, e);
        }

        _hash.AppendData(destination[..got]);
        _position += got;
        return got;
    }
}
