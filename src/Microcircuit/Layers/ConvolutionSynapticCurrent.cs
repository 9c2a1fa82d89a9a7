using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A convolutional layer's kept synaptic current J[t] = K ∗ a_pre[t]. Its event-driven layout is the kernel in the
/// layout of the back end's spike convolution.
/// </summary>
internal sealed class ConvolutionSynapticCurrent : KeptSynapticCurrent<ConvolutionLayer>
{
    private readonly KernelScratch _scratch = new();

    protected override int LaidOutSize(ConvolutionLayer layer, IComputeBackend compute) => compute.SpikeKernelSize(layer.Geometry);

    protected override void LayOut(ConvolutionLayer layer, Span<float> laidOut, IComputeBackend compute) =>
        compute.SpikeKernelLayout(layer.Geometry, layer.Weights, laidOut);

    protected override void Advance(ConvolutionLayer layer, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOut, Span<float> j, in LifParameters lif, IComputeBackend compute) =>
        compute.SpikeConvolutionForward(layer.Geometry, layer.Batch, spikes, laidOut, j, lif.TraceDecay, lif.TraceGain, _scratch);
}
