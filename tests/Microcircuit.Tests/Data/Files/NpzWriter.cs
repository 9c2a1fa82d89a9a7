using System.Globalization;
using System.IO.Compression;

namespace Microcircuit.Tests.Data.Files;

/// <summary>Writes .npz archives in NumPy's format (version 1.0 .npy members, as numpy.savez does), for the tests.</summary>
internal static class NpzWriter
{
    public sealed record Array(string Descr, int[] Shape, byte[] Data);

    public static Array Bytes(byte[] values, params int[] shape) => new("|u1", shape, values);

    public static Array Floats(float[] values, params int[] shape)
    {
        var data = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, data, 0, data.Length);
        return new("<f4", shape, data);
    }

    public static Array Longs(long[] values, params int[] shape)
    {
        var data = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, data, 0, data.Length);
        return new("<i8", shape, data);
    }

    public static void Write(string path, IReadOnlyDictionary<string, Array> arrays, bool compressed = false)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, array) in arrays)
        {
            var entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            using var stream = entry.Open();
            var bytes = Npy(array);
            stream.Write(bytes);
        }
    }

    /// <summary>One .npy file: magic, version 1.0, a header padded with spaces to a multiple of 64 bytes ending in a newline.</summary>
    public static byte[] Npy(Array array)
    {
        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : "(" + string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        string dictionary = $"{{'descr': '{array.Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + dictionary.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dictionary + new string(' ', padded - total) + "\n";
        var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        output.Write(BitConverter.GetBytes((ushort)header.Length));
        output.Write(System.Text.Encoding.ASCII.GetBytes(header));
        output.Write(array.Data);
        return output.ToArray();
    }
}
