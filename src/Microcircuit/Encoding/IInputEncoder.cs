using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>Turns a batch of pixel vectors into the input layer's activity s₀[t], one step at a time.</summary>
public interface IInputEncoder
{
    EncoderKind Kind { get; }

    /// <summary>True when s₀[t] is the same for every step, so the first layer's current can be computed once per sample.</summary>
    bool IsConstant { get; }

    /// <summary>True when the encoder wants raw intensities in [0, 1] rather than standardised pixels.</summary>
    bool UsesIntensity { get; }

    /// <summary>True when s₀[t] holds only 0 and 1, so the first layer may take its current event-driven.</summary>
    bool EmitsSpikes => false;

    /// <summary>Frames a sample brings, one per step (T for event streams); 1 when every step reads the same sample vector.</summary>
    int Frames => 1;

    /// <summary>Writes s₀[step] (1-based step) for the whole batch.</summary>
    void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random);

    /// <summary>As the four-argument form, told the batch size (which an encoder of several frames per sample needs).</summary>
    void Encode(int step, ReadOnlySpan<float> samples, Span<float> activity, int batch, SeededRandom random) =>
        Encode(step, samples, activity, random);
}
