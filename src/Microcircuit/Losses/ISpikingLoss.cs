namespace Microcircuit.Losses;

/// <summary>
/// A global spiking error function, evaluated step by step: it gives every rule the same output error
/// e[t] = ∂E/∂a_L[t] so rules differ only in how they assign credit.
/// </summary>
public interface ISpikingLoss
{
    /// <summary>
    /// Writes e[t] for the batch into <paramref name="error"/> [batch × classes] and returns this step's
    /// contribution to E summed over the batch.
    /// </summary>
    double Step(int step, ReadOnlySpan<float> outputTrace, ReadOnlySpan<byte> labels, Span<float> error);
}
