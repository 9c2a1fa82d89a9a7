namespace Microcircuit.Losses;

/// <summary>
/// A global spiking error function, evaluated step by step: it gives every rule the same output error
/// e[t] = ∂E/∂a_L[t] so rules differ only in how they assign credit.
/// </summary>
public interface ISpikingLoss
{
    /// <summary>
    /// Writes e[t] for the batch into <paramref name="error"/> [batch × classes] from the output layer's trace and
    /// spikes of this step, and returns this step's contribution to E summed over the batch. Steps of one sample
    /// come in order 1…T; step 1 starts a new batch.
    /// </summary>
    double Step(int step, ReadOnlySpan<float> outputTrace, ReadOnlySpan<float> outputSpikes, ReadOnlySpan<byte> labels, Span<float> error);
}
