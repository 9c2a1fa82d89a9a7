namespace Microcircuit.Tests.Data.Events;

/// <summary>Writes N-MNIST recordings byte by byte: 5 bytes an event, x, y, then polarity (1 bit) and a 23-bit µs timestamp, big-endian.</summary>
internal static class NmnistFiles
{
    public static byte[] Recording(params (int X, int Y, int Polarity, int Time)[] events)
    {
        var bytes = new byte[events.Length * 5];
        for (int i = 0; i < events.Length; i++)
        {
            var (x, y, p, t) = events[i];
            bytes[5 * i] = (byte)x;
            bytes[5 * i + 1] = (byte)y;
            bytes[5 * i + 2] = (byte)((p << 7) | ((t >> 16) & 0x7F));
            bytes[5 * i + 3] = (byte)(t >> 8);
            bytes[5 * i + 4] = (byte)t;
        }

        return bytes;
    }

    /// <summary>Creates nmnist/Train/0 … 9 and nmnist/Test/0 … 9 under <paramref name="dataDir"/>, all empty; returns nmnist/.</summary>
    public static string EmptyDataset(string dataDir)
    {
        string root = Path.Combine(dataDir, "nmnist");
        foreach (string split in new[] { "Train", "Test" })
            for (int digit = 0; digit < 10; digit++)
                Directory.CreateDirectory(Path.Combine(root, split, digit.ToString()));
        return root;
    }

    /// <summary>Writes one recording as nmnist/<paramref name="split"/>/<paramref name="digit"/>/<paramref name="name"/>.</summary>
    public static string Write(string root, string split, int digit, string name, byte[] content)
    {
        string path = Path.Combine(root, split, digit.ToString(), name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
