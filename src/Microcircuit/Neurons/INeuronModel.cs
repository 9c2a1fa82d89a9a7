using Microcircuit.Compute;

namespace Microcircuit.Neurons;

/// <summary>
/// A cell model: its parameters, the state it keeps per cell (membrane u, spike s, synaptic trace a, and the gate g
/// that learning reads) and a pure step over a block of cells. A layer holds the state; the model advances it. The LIF
/// cell of docs/paper.md §2 is <see cref="LifModel"/>; another model is one class implementing this interface, given to
/// the network (<c>SpikingNetwork</c>'s <c>neuron</c> argument, or <c>ExperimentParts.Neuron</c>). Rules that only read
/// the gate (the microcircuit and the feedback family) train any model; BPTT's adjoint is the LIF cell's.
/// </summary>
public interface INeuronModel
{
    /// <summary>θ, the potential a spike needs; the gate of the surrogate derivative is centred there.</summary>
    float Threshold { get; }

    /// <summary>The same cells with another threshold (a pooling layer's cells keep θ_pool).</summary>
    INeuronModel WithThreshold(float threshold);

    /// <summary>
    /// Advances every cell of the block one step from the current I = <paramref name="scale"/>·<paramref name="input"/>.
    /// The state spans hold step t−1 on entry and step t on exit; <paramref name="membrane"/> keeps the potential before
    /// any reset (what the gate reads). When <paramref name="gate"/> is given, g(u[t]) goes into <paramref name="gateOut"/>.
    /// The numbers go through <paramref name="compute"/>, the network's back end. A model of one's own may also loop itself
    /// on the host, on the CPU back end; a back end that keeps the state on its device (the GPU's) holds the spans' current
    /// values there, so such a model computes through <paramref name="compute"/>'s operations only (docs/gpu.md, residency).
    /// </summary>
    /// <returns>How many cells fired.</returns>
    float Step(IComputeBackend compute, SurrogateGradient? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut);
}
