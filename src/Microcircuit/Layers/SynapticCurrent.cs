using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A dense layer's kept synaptic current J[t] = W·a_pre[t]. Its event-driven layout is Wᵀ, because the event-driven
/// product adds whole rows of it.
/// </summary>
internal sealed class SynapticCurrent : KeptSynapticCurrent<DenseLayer>
{
    private float[] _spikeInput = [];

    public override void Reset(DenseLayer layer, int batch, IComputeBackend compute)
    {
        base.Reset(layer, batch, compute);
        int n = batch * layer.Outputs;
        if (_spikeInput.Length < n) _spikeInput = compute.Allocate(n);
    }

    protected override int LaidOutSize(DenseLayer layer, IComputeBackend compute) => layer.Inputs * layer.Outputs;

    protected override void LayOut(DenseLayer layer, Span<float> laidOut, IComputeBackend compute) =>
        compute.Transpose(layer.Weights, laidOut, layer.Outputs, layer.Inputs);

    protected override void Advance(DenseLayer layer, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOut, Span<float> j, in LifParameters lif, IComputeBackend compute)
    {
        int batch = layer.Batch, inputs = layer.Inputs, outputs = layer.Outputs;
        compute.SpikeGemm(spikes[..(batch * inputs)], laidOut, _spikeInput, batch, outputs, inputs, accumulate: false);
        compute.Filter(lif.TraceDecay, lif.TraceGain, _spikeInput.AsSpan(0, j.Length), j);
    }
}
