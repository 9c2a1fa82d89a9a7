using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>One Adam(W) step over a parameter tensor; the vector and scalar forms do the same operations in the same order.</summary>
internal static class AdamKernel
{
    public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, in AdamConstants k)
    {
        float lr = k.LearningRate, b1 = k.Beta1, b2 = k.Beta2, eps = k.Epsilon, c1 = k.Correction1, c2 = k.Correction2, decay = k.Decay;
        int i = 0, n = w.Length;
        if (g.Length < n || m.Length < n || v.Length < n) throw new ArgumentException("Adam's spans are shorter than the weights.");
        if (Vector256.IsHardwareAccelerated)
        {
            ref float w0 = ref MemoryMarshal.GetReference(w);
            ref float g0 = ref MemoryMarshal.GetReference(g);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            var vb1 = Vector256.Create(b1); var vb1c = Vector256.Create(1f - b1);
            var vb2 = Vector256.Create(b2); var vb2c = Vector256.Create(1f - b2);
            var vc1 = Vector256.Create(c1); var vc2 = Vector256.Create(c2);
            var vlr = Vector256.Create(lr); var veps = Vector256.Create(eps); var vdecay = Vector256.Create(decay);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref g0, (nuint)i);
                var mi = vb1 * Vector256.LoadUnsafe(ref m0, (nuint)i) + vb1c * gi;
                var vi = vb2 * Vector256.LoadUnsafe(ref v0, (nuint)i) + vb2c * gi * gi;
                var step = vlr * (mi * vc1) / (Vector256.Sqrt(vi * vc2) + veps);
                var wi = vdecay * Vector256.LoadUnsafe(ref w0, (nuint)i) - step;
                mi.StoreUnsafe(ref m0, (nuint)i);
                vi.StoreUnsafe(ref v0, (nuint)i);
                wi.StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float gi = g[i];
            m[i] = b1 * m[i] + (1f - b1) * gi;
            v[i] = b2 * v[i] + (1f - b2) * gi * gi;
            w[i] = decay * w[i] - lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps);
        }
    }
}
