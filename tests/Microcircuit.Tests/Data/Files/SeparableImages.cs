using Microcircuit.Randomness;

namespace Microcircuit.Tests.Data.Files;

/// <summary>
/// A synthetic image set that a network separates only by learning: four classes of 8×8 images, each a faint brighter
/// quadrant on strong noise (pixels 0–255), with fixed seeds.
/// </summary>
internal static class SeparableImages
{
    public const int Side = 8, Classes = 4;

    public static (byte[] Pixels, long[] Labels) Make(int count, ulong seed)
    {
        var random = SeededRandom.Derive(seed, 0);
        var pixels = new byte[count * Side * Side];
        var labels = new long[count];
        for (int n = 0; n < count; n++)
        {
            int label = random.NextInt(Classes);
            labels[n] = label;
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                {
                    bool lit = y / 4 == label / 2 && x / 4 == label % 2;
                    pixels[(n * Side + y) * Side + x] = (byte)Math.Min(255, (lit ? 70 : 0) + random.NextInt(160));
                }
        }
        return (pixels, labels);
    }

    /// <summary>The same images as CSV rows: label, then 64 pixels; with a header row when asked.</summary>
    public static void WriteCsv(string path, byte[] pixels, long[] labels, bool header)
    {
        using var writer = new StreamWriter(path);
        if (header) writer.WriteLine("label," + string.Join(',', Enumerable.Range(0, Side * Side).Select(i => $"pixel{i}")));
        for (int n = 0; n < labels.Length; n++)
            writer.WriteLine(labels[n] + "," + string.Join(',', pixels.AsSpan(n * Side * Side, Side * Side).ToArray()));
    }
}
