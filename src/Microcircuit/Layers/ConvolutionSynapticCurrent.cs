using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A convolutional layer's synaptic current J[t] = K ∗ a_pre[t] (without bias), kept from step to step so it can be
/// advanced event-driven, J[t] = (1 − 1/τs)·J[t−1] + (K ∗ s[t])/τs, from the presynaptic spikes alone. Holds the
/// kernel in the layout of the back end's spike convolution (refreshed once per batch, when first needed, because the
/// weights change only between batches).
/// </summary>
internal sealed class ConvolutionSynapticCurrent
{
    private readonly KernelScratch _scratch = new();
    private float[] _current = [];
    private float[] _transposed = [];
    private bool _transposedValid;

    /// <summary>A new batch: the trace starts from rest (J = 0) and the weights may have changed.</summary>
    public void Reset(ConvolutionLayer layer, int batch)
    {
        int n = batch * layer.Outputs;
        if (_current.Length < n) _current = new float[n];
        _current.AsSpan(0, n).Clear();
        _transposedValid = false;
    }

    /// <summary>Remembers J[t] after a dense step, so a later event-driven step can continue from it.</summary>
    public void Current(ConvolutionLayer layer, ReadOnlySpan<float> current) =>
        current[..(layer.Batch * layer.Outputs)].CopyTo(_current);

    /// <summary>J[t] from J[t−1] and the presynaptic spikes s[t]; written to <paramref name="current"/>.</summary>
    public void EventDriven(ConvolutionLayer layer, ReadOnlySpan<float> spikes, in LifParameters lif, Span<float> current, IComputeBackend compute)
    {
        var shape = layer.Geometry;
        if (!_transposedValid)
        {
            int size = compute.SpikeKernelSize(shape);
            if (_transposed.Length < size) _transposed = new float[size];
            compute.SpikeKernelLayout(shape, layer.Weights, _transposed);
            _transposedValid = true;
        }
        int n = layer.Batch * layer.Outputs;
        compute.SpikeConvolutionForward(shape, layer.Batch, spikes, _transposed, _current.AsSpan(0, n), lif.TraceDecay, lif.TraceGain, _scratch);
        _current.AsSpan(0, n).CopyTo(current);
    }
}
