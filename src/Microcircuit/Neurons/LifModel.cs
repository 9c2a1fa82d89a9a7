using Microcircuit.Compute;

namespace Microcircuit.Neurons;

/// <summary>The leaky integrate-and-fire cell with a synaptic trace (docs/paper.md §2) as a <see cref="INeuronModel"/>.</summary>
public sealed class LifModel(LifParameters parameters) : INeuronModel
{
    public LifParameters Parameters { get; } = parameters;

    public float Threshold => Parameters.Threshold;

    public INeuronModel WithThreshold(float threshold) =>
        threshold == Parameters.Threshold ? this : new LifModel(Parameters with { Threshold = threshold });

    public float Step(IComputeBackend compute, SurrogateGradient? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut) =>
        compute.LifStep(Parameters.Constants, gate?.Function(Parameters.Threshold), input, scale, membrane, spikes, trace, gateOut);
}
