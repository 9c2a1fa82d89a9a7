using Microcircuit.Compute;
using Microcircuit.Layers;

namespace Microcircuit.Learning;

/// <summary>
/// What a credit-assignment rule hands the optimiser: per layer, G with ΔW = −η·G (for BPTT the true gradient of
/// E; for the microcircuit Σ_t (E⁺ − E⁻) a_preᵀ), averaged over the batch.
/// </summary>
public sealed class Gradients
{
    public Gradients(IReadOnlyList<SpikingLayer> layers)
    {
        Weights = layers.Select(l => new float[l.Weights.Length]).ToArray();
        Bias = layers.Select(l => l.Bias is null ? null : new float[l.Bias.Length]).ToArray();
    }

    public float[][] Weights { get; }
    public float[]?[] Bias { get; }

    public void Clear()
    {
        foreach (var w in Weights) w.AsSpan().Clear();
        foreach (var b in Bias) b?.AsSpan().Clear();
    }

    public void Scale(IComputeBackend compute, float factor)
    {
        foreach (var w in Weights) compute.Multiply(w, factor, w);
        foreach (var b in Bias) if (b is not null) compute.Multiply(b, factor, b);
    }

    /// <summary>The Euclidean norm over every layer's weights and biases.</summary>
    public double Norm(IComputeBackend compute)
    {
        double sum = 0;
        foreach (var w in Weights) sum += (double)compute.Dot(w, w);
        foreach (var b in Bias) if (b is not null) sum += (double)compute.Dot(b, b);
        return Math.Sqrt(sum);
    }
}
