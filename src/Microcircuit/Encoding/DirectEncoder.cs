using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>The default encoding: the standardised pixel is the input current at every step.</summary>
public sealed class DirectEncoder : IInputEncoder
{
    public EncoderKind Kind => EncoderKind.Direct;
    public bool IsConstant => true;
    public bool UsesIntensity => false;

    public void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random) =>
        pixels.CopyTo(activity);
}
