using System.Numerics.Tensors;
using Microcircuit.Tensors;

namespace Microcircuit.Neurons;

/// <summary>
/// The eligibility trace of a synapse (an option; docs/paper.md's rule reads the presynaptic trace a_pre alone): the
/// presynaptic trace filtered once more with time constant τe, ε[t] = (1 − 1/τe)·ε[t−1] + a_pre[t]. With τe = τm it is
/// the part of the true gradient that flows through the postsynaptic membrane's memory (u[t] keeps (1 − 1/τm) of
/// u[t−1], so a current at step t' still moves u[t]), as e-prop's eligibility traces carry it, reset ignored. It is
/// presynaptic and causal: every synapse of one presynaptic cell shares it, and the Hebbian product
/// post[t] · ε_pre[t] stays local in space and time.
/// </summary>
public static class SynapticEligibility
{
    /// <summary>Decay per step for a time constant; τe ≤ 0 means off (0).</summary>
    public static float Decay(float tau) => tau > 0f ? 1f - 1f / tau : 0f;

    /// <summary>ε ← decay·ε + trace; with several <paramref name="threads"/> long spans are shared out in aligned blocks (the same bits).</summary>
    public static void Update(float decay, ReadOnlySpan<float> trace, Span<float> eligibility, int threads = 1)
    {
        int n = trace.Length;
        int parts = ElementwiseSplit.Parts(n, threads);
        if (parts > 1)
        {
            UpdateSplit(decay, trace, eligibility[..n], parts);
            return;
        }
        TensorPrimitives.MultiplyAdd(eligibility[..n], decay, trace, eligibility[..n]);
    }

    private static unsafe void UpdateSplit(float decay, ReadOnlySpan<float> trace, Span<float> eligibility, int parts)
    {
        fixed (float* pt = trace)
        fixed (float* pe = eligibility)
        {
            nint t0 = (nint)pt, e0 = (nint)pe;
            ElementwiseSplit.Run(parts, trace.Length, (_, start, end) =>
            {
                var e = new Span<float>((float*)e0 + start, end - start);
                TensorPrimitives.MultiplyAdd(e, decay, new ReadOnlySpan<float>((float*)t0 + start, end - start), e);
            });
        }
    }
}
