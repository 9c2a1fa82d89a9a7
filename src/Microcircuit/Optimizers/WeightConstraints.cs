using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Gradient-norm clipping before a step, and the weight clamp [−c, c] after it (docs/paper.md §5).</summary>
public static class WeightConstraints
{
    /// <summary>Rescales G so its global norm is at most <paramref name="maxNorm"/> (no-op when maxNorm ≤ 0).</summary>
    public static void ClipNorm(Gradients gradients, float maxNorm)
    {
        if (!(maxNorm > 0f)) return;
        double norm = gradients.Norm();
        if (norm > maxNorm) gradients.Scale((float)(maxNorm / norm));
    }

    /// <summary>
    /// Clamps every weight and bias to [−limit, limit] (no clamp when limit ≤ 0) and reports, from the same pass, whether
    /// they stayed bounded: false when one is NaN or the sum of the clamped values leaves float's range (a diverging run's
    /// first symptom).
    /// </summary>
    public static bool Clamp(IReadOnlyList<SpikingLayer> layers, float limit)
    {
        bool finite = true;
        foreach (var layer in layers)
        {
            finite &= Clamp(layer.Weights, limit);
            if (layer.Bias is { } bias) finite &= Clamp(bias, limit);
        }
        return finite;
    }

    /// <summary>Clamps in place; true when no value is NaN and the clamped values' sum is finite (as summing them after would say).</summary>
    private static bool Clamp(Span<float> values, float limit)
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
}
