using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>
/// Latency (time-to-first-spike) coding: a pixel of intensity p &gt; 0 spikes once, at step
/// 1 + ⌊(1 − p)·(T − 1)⌋, so the brightest pixels fire first; black pixels stay silent.
/// </summary>
public sealed class LatencyEncoder(int steps) : SpikeEncoder
{
    public override EncoderKind Kind => EncoderKind.Latency;

    public static int FiringStep(float intensity, int steps) =>
        intensity <= 0f ? 0 : 1 + (int)MathF.Floor((1f - Math.Min(intensity, 1f)) * (steps - 1));

    public override void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random)
    {
        for (int i = 0; i < pixels.Length; i++)
            activity[i] = FiringStep(pixels[i], steps) == step ? 1f : 0f;
    }
}
