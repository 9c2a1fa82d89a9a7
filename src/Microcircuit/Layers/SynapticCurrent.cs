using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A layer's synaptic current J[t] = W·a_pre[t] (without bias), kept from step to step so it can be advanced
/// event-driven, J[t] = (1 − 1/τs)·J[t−1] + (W·s[t])/τs, from the presynaptic spikes alone. Holds Wᵀ (refreshed once
/// per batch, when first needed) because the event-driven product adds whole rows of it.
/// </summary>
internal sealed class SynapticCurrent
{
    private float[] _current = [];
    private float[] _spikeInput = [];
    private float[] _transposed = [];
    private bool _transposedValid;

    /// <summary>A new batch: the trace starts from rest (J = 0) and the weights may have changed.</summary>
    public void Reset(DenseLayer layer, int batch)
    {
        int n = batch * layer.Outputs;
        if (_current.Length < n)
        {
            _current = new float[n];
            _spikeInput = new float[n];
        }
        _current.AsSpan(0, n).Clear();
        _transposedValid = false;
    }

    /// <summary>Remembers J[t] after a dense step, so a later event-driven step can continue from it.</summary>
    public void Current(DenseLayer layer, ReadOnlySpan<float> current) =>
        current[..(layer.Batch * layer.Outputs)].CopyTo(_current);

    public void EventDriven(DenseLayer layer, ReadOnlySpan<float> spikes, in LifParameters lif, Span<float> current, IComputeBackend compute)
    {
        int batch = layer.Batch, inputs = layer.Inputs, outputs = layer.Outputs, n = batch * outputs;
        if (!_transposedValid)
        {
            if (_transposed.Length < inputs * outputs) _transposed = new float[inputs * outputs];
            compute.Transpose(layer.Weights, _transposed, outputs, inputs);
            _transposedValid = true;
        }
        compute.SpikeGemm(spikes[..(batch * inputs)], _transposed, _spikeInput, batch, outputs, inputs, accumulate: false);
        var j = _current.AsSpan(0, n);
        compute.Filter(lif.TraceDecay, lif.TraceGain, _spikeInput.AsSpan(0, n), j);
        j.CopyTo(current);
    }
}
