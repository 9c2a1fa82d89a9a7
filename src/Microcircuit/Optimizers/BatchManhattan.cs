using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>
/// Batch Manhattan: ΔW = −η·sign(G), the sign of the summed update over the batch. With momentum β &gt; 0 the sign is
/// taken of a running sum over batches instead, m ← β·m + G, ΔW = −η·sign(m) (sign descent with momentum, "Signum"):
/// each weight still moves by exactly η per step, in the direction its recent updates agree on. β = 0 is the plain rule.
/// </summary>
public sealed class BatchManhattan : IOptimizer
{
    private readonly float _momentum;
    private readonly float[][] _velocity;

    public BatchManhattan(IReadOnlyList<SpikingLayer> layers, float learningRate, float momentum = 0f)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), "Momentum must lie in [0, 1).");
        LearningRate = learningRate;
        _momentum = momentum;
        _velocity = momentum > 0f
            ? layers.SelectMany(l => l.Bias is null ? new[] { new float[l.Weights.Length] } : [new float[l.Weights.Length], new float[l.Bias.Length]]).ToArray()
            : [];
    }

    public string Name => "manhattan";
    public float LearningRate { get; set; }

    /// <summary>The running sums m, weights then bias per layer (empty without momentum).</summary>
    public IReadOnlyList<float[]> Velocity => _velocity;

    public void Step(IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        int k = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            Apply(layers[l].Weights, gradients.Weights[l], _momentum > 0f ? _velocity[k++] : null);
            if (layers[l].Bias is { } bias) Apply(bias, gradients.Bias[l]!, _momentum > 0f ? _velocity[k++] : null);
        }
    }

    private void Apply(Span<float> values, ReadOnlySpan<float> gradient, float[]? velocity)
    {
        float step = LearningRate;
        if (velocity is null)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float g = gradient[i];
                values[i] -= g > 0f ? step : g < 0f ? -step : 0f;
            }
            return;
        }
        float beta = _momentum;
        for (int i = 0; i < values.Length; i++)
        {
            float m = beta * velocity[i] + gradient[i];
            velocity[i] = m;
            values[i] -= m > 0f ? step : m < 0f ? -step : 0f;
        }
    }
}
