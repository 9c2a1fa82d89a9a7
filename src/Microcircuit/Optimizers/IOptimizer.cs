using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>Applies a batch's update ΔW = −η·f(G) to every layer's weights and biases.</summary>
public interface IOptimizer
{
    string Name { get; }
    /// <summary>The step size η of the coming step: set by <see cref="BeginBatch"/> from <see cref="Schedule"/>.</summary>
    float LearningRate { get; set; }

    /// <summary>How η moves over the run; the optimiser owns it.</summary>
    StepSchedule Schedule { get; }

    /// <summary>Sets η for the coming batch; <paramref name="progress"/> is the fraction of the run's batches already taken.</summary>
    void BeginBatch(double progress) => LearningRate = Schedule.At(progress);

    /// <summary>
    /// The arrays the optimiser keeps from step to step (Adam's moments, the sign descent's velocity), allocated where the
    /// back end keeps them: a checkpoint reads them after the back end's <see cref="IDeviceMemory.ToHost"/> and, having
    /// restored them, calls <see cref="IDeviceMemory.FromHost"/>.
    /// </summary>
    IEnumerable<float[]> State => [];

    /// <summary>One update of every layer's weights and biases from <paramref name="gradients"/>, computed by <paramref name="compute"/>.</summary>
    void Step(IComputeBackend compute, IReadOnlyList<SpikingLayer> layers, Gradients gradients);
}
