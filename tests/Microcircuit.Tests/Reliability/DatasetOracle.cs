using System.Buffers.Binary;
using System.IO.Compression;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Says, independently of the readers, whether a (possibly damaged) dataset file is still valid: gzip when it starts
/// with 1f 8b (as the readers decide), then the format's header, exact length and label range.
/// </summary>
internal static class DatasetOracle
{
    /// <summary>The decompressed payload, or null when the gzip stream is broken.</summary>
    public static byte[]? Payload(byte[] file)
    {
        if (file.Length < 2 || file[0] != 0x1f || file[1] != 0x8b) return file;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
            using var payload = new MemoryStream();
            gzip.CopyTo(payload);
            return payload.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static bool IsValidLabels(byte[]? payload, int classes)
    {
        if (payload is null || payload.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(payload) != 0x801) return false;
        long count = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4));
        return count >= 0 && payload.Length == 8 + count && payload.AsSpan(8).IndexOfAnyInRange((byte)classes, (byte)255) < 0;
    }

    public static bool IsValidImages(byte[]? payload, int rows, int columns)
    {
        if (payload is null || payload.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(payload) != 0x803) return false;
        long count = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4));
        return count >= 0 && BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(8)) == rows
            && BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(12)) == columns && payload.Length == 16 + count * rows * columns;
    }

    public static bool IsValidCifar(byte[]? payload, int records)
    {
        if (payload is null || payload.Length != records * 3073) return false;
        for (int r = 0; r < records; r++)
            if (payload[r * 3073] >= 10) return false;
        return true;
    }

    /// <summary>Label count of a valid label file, image count of a valid image file.</summary>
    public static int Count(byte[] payload) => BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4));
}
