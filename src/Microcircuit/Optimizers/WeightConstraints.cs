using System.Numerics.Tensors;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Gradient-norm clipping before a step, and the weight clamp [−c, c] after it (PAPER.md §5).</summary>
public static class WeightConstraints
{
    /// <summary>Rescales G so its global norm is at most <paramref name="maxNorm"/> (no-op when maxNorm ≤ 0).</summary>
    public static void ClipNorm(Gradients gradients, float maxNorm)
    {
        if (!(maxNorm > 0f)) return;
        double norm = gradients.Norm();
        if (norm > maxNorm) gradients.Scale((float)(maxNorm / norm));
    }

    /// <summary>Clamps every weight and bias to [−limit, limit] (no-op when limit ≤ 0).</summary>
    public static void Clamp(IReadOnlyList<SpikingLayer> layers, float limit)
    {
        if (!(limit > 0f)) return;
        foreach (var layer in layers)
        {
            TensorPrimitives.Max(layer.Weights, -limit, layer.Weights);
            TensorPrimitives.Min(layer.Weights, limit, layer.Weights);
            if (layer.Bias is { } bias)
            {
                TensorPrimitives.Max(bias, -limit, bias);
                TensorPrimitives.Min(bias, limit, bias);
            }
        }
    }
}
