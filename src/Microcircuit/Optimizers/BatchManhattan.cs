using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Batch Manhattan: ΔW = −η·sign(G), the sign of the summed update over the batch.</summary>
public sealed class BatchManhattan(float learningRate) : IOptimizer
{
    public string Name => "manhattan";
    public float LearningRate { get; set; } = learningRate;

    public void Step(IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            Apply(layers[l].Weights, gradients.Weights[l]);
            if (layers[l].Bias is { } bias) Apply(bias, gradients.Bias[l]!);
        }
    }

    private void Apply(Span<float> values, ReadOnlySpan<float> gradient)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float g = gradient[i];
            values[i] -= g > 0f ? LearningRate : g < 0f ? -LearningRate : 0f;
        }
    }
}
