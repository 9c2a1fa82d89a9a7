namespace Microcircuit.Circuits;

/// <summary>
/// How spiking error interneurons carry δ: the coding, how δ_max is set, and how many spikes and cells carry it.
/// </summary>
/// <param name="SpikeValue">δ_max with a fixed gain; the first batch's δ_max with an adaptive one.</param>
/// <param name="TargetRate">With an adaptive gain: the firing rate (spikes per error cell per step) δ_max is set for.</param>
/// <param name="Burst">The most spikes one error cell fires in one step (a burst); the capacity of a step is Burst × δ_max.</param>
/// <param name="Pairs">E⁺/E⁻ pairs per pyramidal cell, each coding δ on its own (own draws, own dither); each spike carries δ_max / Pairs.</param>
public sealed record ErrorCellCoding(
    ErrorCoding Coding = ErrorCoding.SigmaDelta,
    ErrorGain Gain = ErrorGain.Adaptive,
    float SpikeValue = 1f,
    float TargetRate = 0.1f,
    int Burst = 16,
    int Pairs = 1)
{
    /// <summary>The paper's cells as first built: Bernoulli spikes of a fixed δ_max, one spike per step, one pair.</summary>
    public static ErrorCellCoding Paper(float spikeValue) => new(ErrorCoding.Bernoulli, ErrorGain.Fixed, spikeValue, 0.1f, 1, 1);

    /// <summary>Weight of the newest batch in the adaptive gain's running mean of |δ|.</summary>
    public const float GainSmoothing = 0.1f;
}
