using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>ΔW = −η·G.</summary>
public sealed class Sgd(float learningRate, LearningRateSchedule schedule = LearningRateSchedule.Constant) : IOptimizer
{
    public string Name => "sgd";
    public float LearningRate { get; set; } = learningRate;

    public StepSchedule Schedule { get; } = new(learningRate, schedule);

    public void Step(IComputeBackend compute, IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            compute.MultiplyAdd(gradients.Weights[l], -LearningRate, layers[l].Weights, layers[l].Weights);
            if (layers[l].Bias is { } bias) compute.MultiplyAdd(gradients.Bias[l]!, -LearningRate, bias, bias);
        }
    }
}
