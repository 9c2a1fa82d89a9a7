using System.Buffers.Binary;

namespace Microcircuit.Data;

/// <summary>
/// Reads IDX files as used by MNIST and Fashion-MNIST: <c>idx1</c> label files (magic 0x00000801,
/// big-endian count, one byte per label) and <c>idx3</c> image files (magic 0x00000803, big-endian
/// count, rows, columns, then the pixels). Plain or gzip, recognised by content.
/// </summary>
internal static class IdxReader
{
    public const int LabelMagic = 0x00000801;
    public const int ImageMagic = 0x00000803;

    /// <summary>Reads a label file and checks every label is below <paramref name="classes"/>.</summary>
    public static IdxLabels ReadLabels(string path, int classes, string remedy = DatasetFault.ReplaceFile)
    {
        using PayloadReader reader = PayloadReader.Open(path, remedy);
        Span<byte> header = stackalloc byte[8];
        reader.ReadExactly(header, "8-byte idx1 header");
        CheckMagic(reader, header, LabelMagic, "idx1 label");
        int count = ReadCount(reader, header[4..], "label count");

        byte[] labels = ReadPayload(reader, count, "labels");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
            {
                throw DatasetFault.Corrupt(path,
                    $"has label {labels[i]} at index {i}, but the dataset has only {classes} classes (0–{classes - 1})",
                    remedy);
            }
        }

        return new IdxLabels(path, count, labels, reader.Sha256());
    }

    /// <summary>
    /// Reads an image file. When <paramref name="rows"/> and <paramref name="columns"/> are given, the
    /// header must state exactly that image size.
    /// </summary>
    public static IdxImages ReadImages(string path, int? rows = null, int? columns = null, string remedy = DatasetFault.ReplaceFile)
    {
        using PayloadReader reader = PayloadReader.Open(path, remedy);
        Span<byte> header = stackalloc byte[16];
        reader.ReadExactly(header, "16-byte idx3 header");
        CheckMagic(reader, header, ImageMagic, "idx3 image");
        int count = ReadCount(reader, header[4..], "image count");
        int height = ReadCount(reader, header[8..], "row count");
        int width = ReadCount(reader, header[12..], "column count");
        if (height == 0 || width == 0)
        {
            throw DatasetFault.Corrupt(path, $"declares empty images of {height}×{width} pixels", remedy);
        }

        if ((rows is { } r && r != height) || (columns is { } c && c != width))
        {
            throw DatasetFault.Corrupt(path,
                $"holds {height}×{width} images, but this dataset's images are {rows}×{columns}", remedy);
        }

        // Each factor is below 2^31, so rows × columns fits a long, but the triple product may not: compare by division.
        long imageSize = (long)height * width;
        long size = count <= Array.MaxLength / imageSize ? count * imageSize : long.MaxValue;
        if (size > Array.MaxLength)
        {
            throw DatasetFault.Corrupt(path,
                $"declares {count} images of {height}×{width} pixels, {(System.Numerics.BigInteger)count * imageSize} bytes, more than can be held", remedy);
        }

        CheckPayloadLength(reader, size);
        ImageStore images = ReadImageStore(reader, count, (int)imageSize);
        reader.ExpectEnd(reader.Position);
        return new IdxImages(path, count, height, width, images, reader.Sha256());
    }

    private static void CheckMagic(PayloadReader reader, ReadOnlySpan<byte> header, int expected, string kind)
    {
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expected)
        {
            throw DatasetFault.Corrupt(reader.Path,
                $"is not an {kind} file: its magic number is 0x{magic:x8}, expected 0x{expected:x8}", reader.Remedy);
        }
    }

    private static int ReadCount(PayloadReader reader, ReadOnlySpan<byte> field, string what)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(field);
        if (value < 0)
        {
            throw DatasetFault.Corrupt(reader.Path, $"has a negative {what} ({value}) in its header", reader.Remedy);
        }

        return value;
    }

    /// <summary>Reads the images a few hundred at a time into a zero-suppressed store (no full-size buffer).</summary>
    private static ImageStore ReadImageStore(PayloadReader reader, int count, int imageSize)
    {
        var builder = new ImageStore.Builder(count, imageSize);
        int perRead = Math.Max(1, ReadBytes / imageSize);
        byte[] buffer = new byte[Math.Min(count, perRead) * imageSize];
        for (int first = 0; first < count; first += perRead)
        {
            int n = Math.Min(perRead, count - first);
            Span<byte> block = buffer.AsSpan(0, n * imageSize);
            reader.ReadExactly(block, "pixels");
            for (int i = 0; i < n; i++) builder.Add(block.Slice(i * imageSize, imageSize));
        }

        return builder.Build();
    }

    private const int ReadBytes = 1 << 18;

    private static byte[] ReadPayload(PayloadReader reader, int length, string what)
    {
        CheckPayloadLength(reader, length);
        byte[] data = GC.AllocateUninitializedArray<byte>(length);
        reader.ReadExactly(data, what);
        reader.ExpectEnd(reader.Position);
        return data;
    }

    /// <summary>Rejects a payload that cannot hold <paramref name="length"/> more bytes before anything is allocated for it.</summary>
    private static void CheckPayloadLength(PayloadReader reader, long length)
    {
        // A plain file's size is known up front: report a wrong length before allocating for it.
        long total = reader.Position + length;
        if (!reader.IsCompressed && reader.FileLength != total)
        {
            string problem = reader.FileLength < total ? "ends early (truncated)" : "is longer than its header allows";
            throw DatasetFault.Corrupt(reader.Path,
                $"{problem}: it has {reader.FileLength} bytes, its header requires exactly {total}", reader.Remedy);
        }

        // Deflate cannot compress better than about 1032:1, so a gzip file far too small for its header is
        // caught here instead of after allocating what the header claims.
        if (reader.IsCompressed && total > reader.FileLength * 1100L + 1024)
        {
            throw DatasetFault.Corrupt(reader.Path,
                $"is too small ({reader.FileLength} bytes compressed) for the {total} bytes its header declares", reader.Remedy);
        }
    }
}
