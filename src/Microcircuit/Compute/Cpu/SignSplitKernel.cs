using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>plus = [δ]₊ and minus = [−δ]₊ in one pass.</summary>
internal static class SignSplitKernel
{
    public static void Split(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus)
    {
        int i = 0, n = delta.Length;
        if (plus.Length < n || minus.Length < n) throw new ArgumentException("Sign-split spans are shorter than the error.");
        if (Vector256.IsHardwareAccelerated)
        {
            ref float d0 = ref MemoryMarshal.GetReference(delta);
            ref float p0 = ref MemoryMarshal.GetReference(plus);
            ref float m0 = ref MemoryMarshal.GetReference(minus);
            var zero = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.LoadUnsafe(ref d0, (nuint)i);
                Vector256.Max(d, zero).StoreUnsafe(ref p0, (nuint)i);
                Vector256.Max(-d, zero).StoreUnsafe(ref m0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            plus[i] = MathF.Max(delta[i], 0f);
            minus[i] = MathF.Max(-delta[i], 0f);
        }
    }
}
