using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Applies a batch's update ΔW = −η·f(G) to every layer's weights and biases.</summary>
public interface IOptimizer
{
    string Name { get; }
    /// <summary>The step size η; a schedule may change it between batches.</summary>
    float LearningRate { get; set; }
    void Step(IReadOnlyList<SpikingLayer> layers, Gradients gradients);
}
