using Microcircuit.Compute;
using Microcircuit.Layers;

namespace Microcircuit.Learning;

/// <summary>
/// What a credit-assignment rule hands the optimiser: per layer, G with ΔW = −η·G (for BPTT the true gradient of
/// E; for the microcircuit Σ_t (E⁺ − E⁻) a_preᵀ), averaged over the batch.
/// </summary>
public sealed class Gradients
{
    private readonly IComputeBackend? _compute;

    /// <param name="compute">The back end the gradients are formed on (it may keep them on its device); null: host arrays.</param>
    public Gradients(IReadOnlyList<SpikingLayer> layers, IComputeBackend? compute = null)
    {
        _compute = compute;
        Weights = layers.Select(l => Allocate(l.Weights.Length)).ToArray();
        Bias = layers.Select(l => l.Bias is null ? null : Allocate(l.Bias.Length)).ToArray();
    }

    private float[] Allocate(int length) => _compute?.Allocate(length) ?? new float[length];

    /// <summary>Makes the host copies current (for reading them on the host: the alignment angles). Free on the CPU.</summary>
    public void ToHost()
    {
        foreach (var w in Weights) _compute?.ToHost(w);
        foreach (var b in Bias) if (b is not null) _compute?.ToHost(b);
    }

    public float[][] Weights { get; }
    public float[]?[] Bias { get; }

    public void Clear()
    {
        foreach (var w in Weights) Clear(w);
        foreach (var b in Bias) if (b is not null) Clear(b);
    }

    private void Clear(float[] values)
    {
        if (_compute is null) values.AsSpan().Clear();
        else _compute.Clear(values);
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
