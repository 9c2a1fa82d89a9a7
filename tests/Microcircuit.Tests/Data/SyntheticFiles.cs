using System.Buffers.Binary;
using System.IO.Compression;

namespace Microcircuit.Tests.Data;

/// <summary>Writes small IDX and CIFAR-10 files, plain or gzip, for reader tests.</summary>
internal static class SyntheticFiles
{
    public static byte[] IdxLabels(IReadOnlyList<byte> labels, int magic = 0x00000801, int? count = null)
    {
        var bytes = new byte[8 + labels.Count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count ?? labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            bytes[8 + i] = labels[i];
        }

        return bytes;
    }

    /// <summary>Images whose pixel j of image i is (i * 31 + j * 7) mod 256.</summary>
    public static byte[] IdxImages(int count, int rows, int columns, int magic = 0x00000803, int? declaredCount = null)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < rows * columns; j++)
            {
                bytes[16 + i * rows * columns + j] = Pixel(i, j);
            }
        }

        return bytes;
    }

    public static byte Pixel(int image, int index) => (byte)((image * 31 + index * 7) % 256);

    /// <summary>CIFAR-10 records: label i % 10 (or the given labels), pixels as in <see cref="Pixel"/>.</summary>
    public static byte[] CifarBatch(int records, Func<int, byte>? label = null)
    {
        const int record = 3073;
        var bytes = new byte[records * record];
        for (int i = 0; i < records; i++)
        {
            bytes[i * record] = label?.Invoke(i) ?? (byte)(i % 10);
            for (int j = 0; j < 3072; j++)
            {
                bytes[i * record + 1 + j] = Pixel(i, j);
            }
        }

        return bytes;
    }

    public static byte[] Gzip(byte[] payload)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the payload to <paramref name="path"/>, gzip-compressed when <paramref name="gzip"/>.</summary>
    public static string Write(string path, byte[] payload, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? Gzip(payload) : payload);
        return path;
    }

    /// <summary>Writes the four MNIST-style files (28×28) into <paramref name="folder"/>.</summary>
    public static void WriteIdxDataset(string folder, int train, int test, bool gzip)
    {
        string suffix = gzip ? ".gz" : "";
        byte[] Labels(int n) => IdxLabels(Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray());
        Write(Path.Combine(folder, "train-images-idx3-ubyte" + suffix), IdxImages(train, 28, 28), gzip);
        Write(Path.Combine(folder, "train-labels-idx1-ubyte" + suffix), Labels(train), gzip);
        Write(Path.Combine(folder, "t10k-images-idx3-ubyte" + suffix), IdxImages(test, 28, 28), gzip);
        Write(Path.Combine(folder, "t10k-labels-idx1-ubyte" + suffix), Labels(test), gzip);
    }
}
