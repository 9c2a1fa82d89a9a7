namespace Microcircuit.Layers;

/// <summary>The layout of one sample's cells or pixels: channels × height × width, channel-major. A dense layer is N × 1 × 1.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per sample.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Values per sample without overflow, for checking a description before anything is sized by <see cref="Size"/>.</summary>
    public long LongSize => (long)Channels * Height * Width;

    public bool IsFlat => Height == 1 && Width == 1;

    public override string ToString() => IsFlat ? $"{Channels}" : $"{Channels}×{Height}×{Width}";
}
