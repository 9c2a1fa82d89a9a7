using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>
/// An encoder that turns intensities in [0, 1] into spikes (rate, latency): s₀[t] holds only 0 and 1 and changes from
/// step to step, so the first layer's current is taken step by step (event-driven when few inputs fired).
/// </summary>
public abstract class SpikeEncoder : IInputEncoder
{
    public abstract EncoderKind Kind { get; }
    public bool IsConstant => false;
    public bool UsesIntensity => true;
    public bool EmitsSpikes => true;

    public abstract void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random);
}
