using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A fully connected layer of pyramidal cells: plastic feedforward weights W [outputs × inputs] onto the basal
/// compartment (row i holds the synapses onto cell i).
/// </summary>
public sealed class DenseLayer : SpikingLayer
{
    private readonly SynapticCurrent _synaptic = new();

    public DenseLayer(int inputs, int outputs, bool bias)
        : base(new ImageShape(Positive(inputs), 1, 1), new ImageShape(Positive(outputs), 1, 1), LayerSpec.Dense(outputs), inputs * outputs, bias ? outputs : 0)
    {
    }

    /// <summary>A dense layer on top of an image: the image is read flattened, channel-major.</summary>
    public DenseLayer(ImageShape input, int outputs, bool bias)
        : base(input, new ImageShape(Positive(outputs), 1, 1), LayerSpec.Dense(outputs), input.Size * outputs, bias ? outputs : 0)
    {
    }

    private static int Positive(int size) =>
        size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), "Layer sizes must be positive.");

    public override int FanIn => Inputs;
    public override int FanOut => Outputs;

    protected override void OnReset(int batch, IComputeBackend compute) => _synaptic.Reset(this, batch, compute);

    /// <summary>W·s[t] summed over the inputs that spiked only (whole rows of Wᵀ), filtered into the kept W·a[t].</summary>
    protected override void EventDrivenCurrent(ReadOnlySpan<float> presynapticSpikes, in LifParameters lif, Span<float> current, IComputeBackend compute) =>
        _synaptic.EventDriven(this, presynapticSpikes, lif, current, compute);

    protected override void KeepSynapticCurrent(ReadOnlySpan<float> current, IComputeBackend compute) => _synaptic.Current(this, current, compute);

    public override void Project(ReadOnlySpan<float> presynaptic, Span<float> result, int batch, IComputeBackend compute) =>
        compute.GemmNT(presynaptic, Weights, result, batch, Outputs, Inputs, accumulate: false);

    public override void SendBack(ReadOnlySpan<float> error, ReadOnlySpan<float> feedback, Span<float> below, int batch, IComputeBackend compute) =>
        compute.GemmNN(error, feedback, below, batch, Inputs, Outputs, accumulate: false);

    public override void AccumulateWeights(ReadOnlySpan<float> post, ReadOnlySpan<float> pre, Span<float> gradient, int batch, IComputeBackend compute) =>
        compute.GemmTN(post, pre, gradient, Outputs, Inputs, batch, accumulate: true);

    public override void AccumulateBias(ReadOnlySpan<float> post, Span<float> gradient, int batch, IComputeBackend compute) =>
        compute.SumRows(post, gradient[..Outputs], batch);

    public override void AddBias(Span<float> current, IComputeBackend compute)
    {
        if (Bias is not null) compute.AddToRows(current, Bias, Batch);
    }
}
