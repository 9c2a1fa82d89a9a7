namespace Microcircuit.Encoding;

/// <summary>How pixels become input activity (docs/paper.md §2).</summary>
public enum EncoderKind
{
    /// <summary>The normalised pixel is injected every step as a constant current (default).</summary>
    Direct,
    /// <summary>Bernoulli spikes each step with probability equal to the pixel intensity in [0, 1].</summary>
    Rate,
    /// <summary>One spike per pixel, earlier for brighter pixels; black pixels never fire.</summary>
    Latency,
    /// <summary>Event streams binned into T frames: frame t is s₀[t] (spikes in, one frame per step).</summary>
    Events,
}
