using ILGPU;
using ILGPU.Algorithms;
using Microcircuit.Compute;

namespace Microcircuit.Gpu;

/// <summary>The per-cell device kernels: the LIF step with its gate, the gate alone, the synaptic filters.</summary>
internal static class CellKernels
{
    /// <summary>g(u) of a gate of curve <paramref name="curve"/> (0 logistic, 1 boxcar, 2 flat): σ'((u − θ)/α)/α with the argument clipped to [−8, 8].</summary>
    public static float Gate(float u, int curve, float threshold, float width)
    {
        if (curve == (int)GateCurve.Logistic)
        {
            float inverse = 1f / width;
            float z = u * inverse + -threshold * inverse;
            float e = XMath.Exp(-XMath.Min(XMath.Abs(z), 8f));
            float d = 1f + e;
            return e / (d * d) * inverse;
        }
        if (curve == (int)GateCurve.Boxcar) return XMath.Abs(u - threshold) < width ? 0.5f / width : 0f;
        return 1f;
    }

    /// <summary>u = β·u·(1 − s) + scale·I; s = [u &gt; θ]; a = λ·a + s/τs; g = gate(u) when <paramref name="curve"/> ≥ 0; the count of spikes into count[0].</summary>
    public static void LifStep(Index1D i, LifConstants p, int curve, float width, ArrayView<float> input, float scale,
        ArrayView<float> membrane, ArrayView<float> spikes, ArrayView<float> trace, ArrayView<float> gate, ArrayView<float> count)
    {
        float u = p.MembraneDecay * membrane[i] * (1f - spikes[i]) + scale * input[i];
        float fired = u > p.Threshold ? 1f : 0f;
        membrane[i] = u;
        spikes[i] = fired;
        trace[i] = p.TraceDecay * trace[i] + fired * p.TraceGain;
        if (curve >= 0) gate[i] = Gate(u, curve, p.Threshold, width);
        if (fired > 0f) Atomic.Add(ref count[0], 1f);
    }

    public static void EvaluateGate(Index1D i, ArrayView<float> membrane, ArrayView<float> gate, int curve, float threshold, float width) =>
        gate[i] = Gate(membrane[i], curve, threshold, width);

    /// <summary>trace ← decay·trace + gain·input (the CPU back end's two passes: the product first, then the multiply-add).</summary>
    public static void Filter(Index1D i, float decay, float gain, ArrayView<float> input, ArrayView<float> trace) =>
        trace[i] = input[i] * gain + trace[i] * decay;

    public static void Eligibility(Index1D i, float decay, ArrayView<float> trace, ArrayView<float> eligibility) =>
        eligibility[i] = eligibility[i] * decay + trace[i];
}
