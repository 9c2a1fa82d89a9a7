namespace Microcircuit.Compute;

/// <summary>The element-wise passes of the learning rules: local errors, the error cells' sign split, and BPTT's membrane adjoint.</summary>
public interface ILearningKernels
{
    /// <summary>δ = g ⊙ v (delta may be potential itself).</summary>
    void LocalError(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta);

    /// <summary>δ = g ⊙ v and inputSum += gain·δ in one pass (the first layer's collapsed Hebbian sum under constant input).</summary>
    void LocalErrorWithSum(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain);

    /// <summary>plus = [δ]₊, minus = [−δ]₊: the currents of an E⁺/E⁻ pair carrying δ.</summary>
    void SplitSigns(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus);

    /// <summary>
    /// ∂E/∂u[t] = g·(∂E/∂a·gain − reset·u·∂E/∂u[t+1]) + β·(1 − s)·∂E/∂u[t+1], with the spikes and gates recorded forward
    /// (reset = β, or 0 when the reset is detached).
    /// </summary>
    void MembraneAdjoint(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g, ReadOnlySpan<float> duNext,
        Span<float> du, float beta, float gain, bool detachReset);

    /// <summary>As <see cref="MembraneAdjoint"/>, with s = [u &gt; θ] and g = <paramref name="gate"/>(u) derived from u in the same pass.</summary>
    void MembraneAdjointDerived(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain,
        bool detachReset, in GateFunction gate);
}
