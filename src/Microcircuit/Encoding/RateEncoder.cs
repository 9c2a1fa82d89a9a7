using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>Bernoulli rate coding: each pixel spikes each step with probability equal to its intensity.</summary>
public sealed class RateEncoder : SpikeEncoder
{
    public override EncoderKind Kind => EncoderKind.Rate;

    public override void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random)
    {
        for (int i = 0; i < pixels.Length; i++)
            activity[i] = random.NextFloat() < pixels[i] ? 1f : 0f;
    }
}
