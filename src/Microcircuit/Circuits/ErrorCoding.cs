namespace Microcircuit.Circuits;

/// <summary>How a spiking E⁺/E⁻ pair turns its cell's local error δ into spikes.</summary>
public enum ErrorCoding
{
    /// <summary>
    /// docs/paper.md §3 as written: each step, a Bernoulli draw with probability min(1, |δ| / capacity); each spike carries
    /// δ_max. Unbiased below saturation, with the variance of a coin per cell and step; above it, δ is clipped.
    /// </summary>
    Bernoulli,

    /// <summary>
    /// Integrate-and-fire (sigma-delta) pair: the pair's membrane integrates δ, E⁺ fires when it passes +δ_max/2 and
    /// E⁻ when it passes −δ_max/2, each spike subtracting (E⁺) or adding back (E⁻) δ_max — the two cells inhibit each
    /// other through that shared potential. The membrane starts each sample at a random point of (−δ_max/2, δ_max/2)
    /// (dither), which makes the spikes δ's unbiased code; the error left unsent is never more than δ_max/2, so the
    /// variance is a quantisation error's, not a coin's, and what a step cannot send (above the burst capacity) waits
    /// for the next step instead of being clipped.
    /// </summary>
    SigmaDelta,
}

/// <summary>How δ_max, the error one spike carries, is set.</summary>
public enum ErrorGain
{
    /// <summary>δ_max is the option error_spike_value, throughout.</summary>
    Fixed,

    /// <summary>
    /// Homeostatic gain per layer: before each batch, δ_max moves towards the value at which the layer's error cells
    /// fire at the target rate (error_rate spikes per cell per step) given the mean |δ| of the batches seen so far
    /// (an average with weight 0.1 on the newest batch). Within a batch it is fixed, so every cell's spikes depend on
    /// its own input only.
    /// </summary>
    Adaptive,
}
