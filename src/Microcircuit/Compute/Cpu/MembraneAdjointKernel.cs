using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// BPTT's element-wise step back through the membrane: ∂E/∂u[t] = g·(∂E/∂a/τs − β·u·∂E/∂u[t+1]) + β·(1 − s)·∂E/∂u[t+1]
/// (the reset term only when it is not detached), with s and g either as recorded or derived from u in the same pass
/// (s = [u &gt; θ], g = the gate of u: the operations the forward step used, so the same bits). The vector and scalar
/// forms perform the same operations in the same order.
/// </summary>
internal static class MembraneAdjointKernel
{
    /// <summary>With the spikes and gates the history recorded.</summary>
    public static void Recorded(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g,
        ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain, bool detachReset)
    {
        int n = du.Length, i = 0;
        float reset = detachReset ? 0f : beta;
        if (Vector256.IsHardwareAccelerated)
        {
            var vBeta = Vector256.Create(beta);
            var vGain = Vector256.Create(gain);
            var vReset = Vector256.Create(reset);
            var one = Vector256<float>.One;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var next = Vector256.Create(duNext.Slice(i, Vector256<float>.Count));
                var ds = Vector256.Create(da.Slice(i, Vector256<float>.Count)) * vGain - vReset * Vector256.Create(u.Slice(i, Vector256<float>.Count)) * next;
                var result = Vector256.Create(g.Slice(i, Vector256<float>.Count)) * ds + vBeta * (one - Vector256.Create(s.Slice(i, Vector256<float>.Count))) * next;
                result.CopyTo(du.Slice(i, Vector256<float>.Count));
            }
        }
        for (; i < n; i++)
        {
            float ds = da[i] * gain - reset * u[i] * duNext[i];
            du[i] = g[i] * ds + beta * (1f - s[i]) * duNext[i];
        }
    }

    /// <summary>With s and g derived from u for cells of <paramref name="gate"/>'s threshold and gate.</summary>
    public static void Derived(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du,
        float beta, float gain, bool detachReset, in GateFunction gate)
    {
        float threshold = gate.Threshold;
        switch (gate.Curve)
        {
            case GateCurve.Logistic:
                Derived(da, u, duNext, du, beta, gain, detachReset, threshold, new LogisticShape(threshold, gate.Width));
                break;
            case GateCurve.Boxcar:
                Derived(da, u, duNext, du, beta, gain, detachReset, threshold, new BoxcarShape(threshold, gate.Width));
                break;
            default:
                Derived(da, u, duNext, du, beta, gain, detachReset, threshold, default(FlatShape));
                break;
        }
    }

    private static void Derived<TGate>(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du,
        float beta, float gain, bool detachReset, float threshold, TGate gate) where TGate : struct, IGateShape
    {
        int n = du.Length, i = 0;
        if (da.Length < n || u.Length < n || duNext.Length < n) throw new ArgumentException("Adjoint spans are shorter than the result.");
        float reset = detachReset ? 0f : beta;
        ref float da0 = ref MemoryMarshal.GetReference(da);
        ref float u0 = ref MemoryMarshal.GetReference(u);
        ref float next0 = ref MemoryMarshal.GetReference(duNext);
        ref float du0 = ref MemoryMarshal.GetReference(du);
        if (Vector256.IsHardwareAccelerated)
        {
            var vBeta = Vector256.Create(beta);
            var vGain = Vector256.Create(gain);
            var vReset = Vector256.Create(reset);
            var vTheta = Vector256.Create(threshold);
            var one = Vector256<float>.One;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var next = Vector256.LoadUnsafe(ref next0, (nuint)i);
                var ui = Vector256.LoadUnsafe(ref u0, (nuint)i);
                var s = Vector256.GreaterThan(ui, vTheta) & one;
                var ds = Vector256.LoadUnsafe(ref da0, (nuint)i) * vGain - vReset * ui * next;
                var result = gate.Of(ui) * ds + vBeta * (one - s) * next;
                result.StoreUnsafe(ref du0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float ui = u[i];
            float s = ui > threshold ? 1f : 0f;
            float ds = da[i] * gain - reset * ui * duNext[i];
            du[i] = gate.Of(ui) * ds + beta * (1f - s) * duNext[i];
        }
    }
}
