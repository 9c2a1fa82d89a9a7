using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A convolutional layer of pyramidal cells (docs/paper.md §8): one cell per feature-map position, its basal synapses a
/// kernel K [maps × C_in × k × k] shared across space. The current is the convolution of the presynaptic trace,
/// the error goes back through the transposed convolution of a feedback kernel, and the Hebbian product sums
/// post × pre over every position a kernel tap connects.
/// </summary>
public sealed class ConvolutionLayer : SpikingLayer
{
    private readonly KernelScratch _scratch = new();
    private readonly ConvolutionSynapticCurrent _synaptic = new();

    public ConvolutionLayer(ImageShape input, LayerSpec spec, bool bias)
        : base(input, spec.OutputShape(input), spec, spec.Size * input.Channels * spec.Kernel * spec.Kernel, bias ? spec.Size : 0)
    {
        Geometry = new ConvolutionShape(input.Channels, input.Height, input.Width, spec.Size, spec.Kernel, spec.Kernel, spec.Stride, spec.Padding);
    }

    public ConvolutionShape Geometry { get; }

    public override int FanIn => Geometry.ColumnRows;
    public override int FanOut => Geometry.OutputChannels * Geometry.KernelHeight * Geometry.KernelWidth;

    protected override void OnReset(int batch, IComputeBackend compute) => _synaptic.Reset(this, batch, compute);

    /// <summary>K ∗ s[t] summed over the inputs that spiked only (the back end's spike convolution), filtered into the kept K ∗ a[t].</summary>
    protected override void EventDrivenCurrent(ReadOnlySpan<float> presynapticSpikes, in LifParameters lif, Span<float> current, IComputeBackend compute) =>
        _synaptic.EventDriven(this, presynapticSpikes, lif, current, compute);

    protected override void KeepSynapticCurrent(ReadOnlySpan<float> current, IComputeBackend compute) => _synaptic.Current(this, current, compute);

    public override void Project(ReadOnlySpan<float> presynaptic, Span<float> result, int batch, IComputeBackend compute) =>
        compute.ConvolutionForward(Geometry, batch, presynaptic, Weights, result, _scratch);

    public override void SendBack(ReadOnlySpan<float> error, ReadOnlySpan<float> feedback, Span<float> below, int batch, IComputeBackend compute) =>
        compute.ConvolutionInputGradient(Geometry, batch, error, feedback, below, _scratch);

    public override void AccumulateWeights(ReadOnlySpan<float> post, ReadOnlySpan<float> pre, Span<float> gradient, int batch, IComputeBackend compute) =>
        compute.ConvolutionKernelGradient(Geometry, batch, post, pre, gradient, _scratch, accumulate: true);

    public override void AccumulateBias(ReadOnlySpan<float> post, Span<float> gradient, int batch, IComputeBackend compute) =>
        compute.SumPlanes(post, gradient[..Geometry.OutputChannels], batch, Geometry.OutputPixels);

    public override void AddBias(Span<float> current, IComputeBackend compute)
    {
        if (Bias is not null) compute.AddToPlanes(current, Bias, Batch, Geometry.OutputPixels);
    }
}
