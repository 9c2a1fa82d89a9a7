using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>The weight clamp [−c, c] with the divergence check in the same pass.</summary>
internal static class ClampKernel
{
    /// <summary>Clamps in place; true when no value is NaN and the clamped values' sum is finite (as summing them after would say).</summary>
    public static bool ClampAndCheck(Span<float> values, float limit)
    {
        bool clamp = limit > 0f;
        int i = 0, n = values.Length;
        ref float v0 = ref MemoryMarshal.GetReference(values);
        var total = Vector256<float>.Zero;
        var nan = Vector256<float>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            var high = Vector256.Create(limit);
            var low = Vector256.Create(-limit);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref v0, (nuint)i);
                nan |= ~Vector256.Equals(v, v);
                if (clamp)
                {
                    v = Vector256.Min(Vector256.Max(v, low), high);
                    v.StoreUnsafe(ref v0, (nuint)i);
                }
                total += v;
            }
        }
        float sum = Vector256.Sum(total);
        bool anyNaN = nan != Vector256<float>.Zero;
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref v0, i);
            anyNaN |= float.IsNaN(v);
            if (clamp) Unsafe.Add(ref v0, i) = v = MathF.Min(MathF.Max(v, -limit), limit);
            sum += v;
        }
        return !anyNaN && float.IsFinite(sum);
    }

    /// <summary>Zeroes each weight pushed across its fixed sign.</summary>
    public static void KeepSigns(Span<float> weights, ReadOnlySpan<float> signs)
    {
        if (signs.Length < weights.Length) throw new ArgumentException("Fewer fixed signs than weights.");
        for (int i = 0; i < weights.Length; i++)
            if (weights[i] * signs[i] < 0f) weights[i] = 0f;
    }
}
