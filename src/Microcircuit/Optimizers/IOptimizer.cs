using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Applies a batch's update ΔW = −η·f(G) to every layer's weights and biases.</summary>
public interface IOptimizer
{
    string Name { get; }
    float LearningRate { get; }
    void Step(IReadOnlyList<DenseLayer> layers, Gradients gradients);
}
