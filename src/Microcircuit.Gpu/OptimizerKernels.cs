using ILGPU;
using ILGPU.Algorithms;
using Microcircuit.Compute;

namespace Microcircuit.Gpu;

/// <summary>The optimisers' and constraints' device kernels.</summary>
internal static class OptimizerKernels
{
    public static void Adam(Index1D i, ArrayView<float> w, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamConstants k)
    {
        float gi = g[i];
        float mi = k.Beta1 * m[i] + (1f - k.Beta1) * gi;
        float vi = k.Beta2 * v[i] + (1f - k.Beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = k.Decay * w[i] - k.LearningRate * (mi * k.Correction1) / (XMath.Sqrt(vi * k.Correction2) + k.Epsilon);
    }

    public static void SignStep(Index1D i, ArrayView<float> w, ArrayView<float> g, float step) =>
        w[i] = w[i] - (g[i] > 0f ? step : g[i] < 0f ? -step : 0f);

    public static void SignStepMomentum(Index1D i, ArrayView<float> w, ArrayView<float> g, float step, ArrayView<float> velocity, float momentum)
    {
        float m = momentum * velocity[i] + g[i];
        velocity[i] = m;
        w[i] = w[i] - (m > 0f ? step : m < 0f ? -step : 0f);
    }

    /// <summary>v clamped to [−limit, limit]; a NaN stays NaN (PTX's max and min would return the other operand).</summary>
    public static void Clamp(Index1D i, ArrayView<float> values, float limit)
    {
        float v = values[i];
        values[i] = XMath.IsNaN(v) ? v : XMath.Min(XMath.Max(v, -limit), limit);
    }

    public static void KeepSigns(Index1D i, ArrayView<float> w, ArrayView<float> signs)
    {
        if (w[i] * signs[i] < 0f) w[i] = 0f;
    }
}
