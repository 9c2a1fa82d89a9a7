namespace Microcircuit.Compute;

/// <summary>The per-cell passes of simulation: the LIF step with its gate, the gate alone, and the synaptic filters.</summary>
public interface ICellKernels
{
    /// <summary>
    /// Advances LIF cells one step from the current scale·input (docs/paper.md §2): u[t] = β·u[t−1]·(1 − s[t−1]) + I,
    /// s[t] = [u[t] &gt; θ], a[t] = λ·a[t−1] + s[t]/τs; with a gate, g(u[t]) into <paramref name="gateOut"/> in the same pass.
    /// The state spans hold step t−1 on entry and step t on exit. The gate is centred on the cells' threshold θ (its own
    /// <see cref="GateFunction.Threshold"/> is not read here).
    /// </summary>
    /// <returns>How many cells fired.</returns>
    float LifStep(in LifConstants cells, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut);

    /// <summary>g(u) for every value of <paramref name="membrane"/> (the same numbers the fused step writes).</summary>
    void EvaluateGate(in GateFunction gate, ReadOnlySpan<float> membrane, Span<float> gateOut);

    /// <summary>trace ← decay·trace + gain·input: a first-order synaptic filter.</summary>
    void Filter(float decay, float gain, ReadOnlySpan<float> input, Span<float> trace);

    /// <summary>eligibility ← decay·eligibility + trace: the synapses' eligibility trace.</summary>
    void Eligibility(float decay, ReadOnlySpan<float> trace, Span<float> eligibility);
}
