namespace Microcircuit.Data.Files;

/// <summary>
/// One split as a file gives it, before checks: samples as bytes (0–255) or floats, channel-major
/// (<see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> per sample), and one integer label per sample.
/// </summary>
internal sealed record FileSplit(byte[]? Bytes, float[]? Floats, long[] Labels, int Channels, int Height, int Width)
{
    public int Dimension => Channels * Height * Width;

    public int Count => Labels.Length;

    /// <summary>The same samples as floats (bytes are widened, not scaled).</summary>
    public FileSplit AsFloats() => Floats is not null ? this : this with { Floats = Array.ConvertAll(Bytes!, b => (float)b), Bytes = null };

    /// <summary>Height × width for a flat sample of <paramref name="dimension"/> values: a square when it is one, else one row.</summary>
    public static (int Height, int Width) FlatShape(int dimension)
    {
        int side = (int)Math.Round(Math.Sqrt(dimension));
        return side * side == dimension ? (side, side) : (1, dimension);
    }
}
