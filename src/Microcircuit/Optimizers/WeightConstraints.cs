using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Gradient-norm clipping before a step, and the weight clamp [−c, c] after it (docs/paper.md §5).</summary>
public static class WeightConstraints
{
    /// <summary>Rescales G so its global norm is at most <paramref name="maxNorm"/> (no-op when maxNorm ≤ 0).</summary>
    public static void ClipNorm(IComputeBackend compute, Gradients gradients, float maxNorm)
    {
        if (!(maxNorm > 0f)) return;
        double norm = gradients.Norm(compute);
        if (norm > maxNorm) gradients.Scale(compute, (float)(maxNorm / norm));
    }

    /// <summary>
    /// Clamps every weight and bias to [−limit, limit] (no clamp when limit ≤ 0) and reports, from the same pass, whether
    /// they stayed bounded: false when one is NaN or the sum of the clamped values leaves float's range (a diverging run's
    /// first symptom).
    /// </summary>
    public static bool Clamp(IComputeBackend compute, IReadOnlyList<SpikingLayer> layers, float limit)
    {
        bool finite = true;
        foreach (var layer in layers)
        {
            finite &= compute.ClampAndCheck(layer.Weights, limit);
            if (layer.Bias is { } bias) finite &= compute.ClampAndCheck(bias, limit);
        }
        return finite;
    }
}
