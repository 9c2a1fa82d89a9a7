using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// A layer's synaptic current J[t] = W ∗ a_pre[t] (without bias), kept from step to step so it can be advanced
/// event-driven, J[t] = (1 − 1/τs)·J[t−1] + (W ∗ s[t])/τs, from the presynaptic spikes alone. Holds the weights in the
/// layout the event-driven product reads, refreshed once per batch, when first needed (the weights change only between
/// batches); the wiring says what that layout is and how the spikes go through it.
/// </summary>
internal abstract class KeptSynapticCurrent<TLayer> where TLayer : SpikingLayer
{
    private float[] _current = [];
    private float[] _laidOut = [];
    private bool _laidOutValid;

    /// <summary>A new batch: the trace starts from rest (J = 0) and the weights may have changed.</summary>
    public virtual void Reset(TLayer layer, int batch, IComputeBackend compute)
    {
        int n = batch * layer.Outputs;
        if (_current.Length < n) _current = compute.Allocate(n);
        compute.Clear(_current.AsSpan(0, n));
        _laidOutValid = false;
    }

    /// <summary>Remembers J[t] after a dense step, so a later event-driven step can continue from it.</summary>
    public void Current(TLayer layer, ReadOnlySpan<float> current, IComputeBackend compute)
    {
        int n = layer.Batch * layer.Outputs;
        compute.Copy(current[..n], _current.AsSpan(0, n));
    }

    /// <summary>J[t] from J[t−1] and the presynaptic spikes s[t]; written to <paramref name="current"/>.</summary>
    public void EventDriven(TLayer layer, ReadOnlySpan<float> spikes, in LifParameters lif, Span<float> current, IComputeBackend compute)
    {
        if (!_laidOutValid)
        {
            int size = LaidOutSize(layer, compute);
            if (_laidOut.Length < size) _laidOut = compute.Allocate(size);
            LayOut(layer, _laidOut, compute);
            _laidOutValid = true;
        }
        var j = _current.AsSpan(0, layer.Batch * layer.Outputs);
        Advance(layer, spikes, _laidOut, j, lif, compute);
        compute.Copy(j, current);
    }

    /// <summary>Floats the weights take in the event-driven layout.</summary>
    protected abstract int LaidOutSize(TLayer layer, IComputeBackend compute);

    /// <summary>Writes the layer's weights into <paramref name="laidOut"/> in the event-driven layout.</summary>
    protected abstract void LayOut(TLayer layer, Span<float> laidOut, IComputeBackend compute);

    /// <summary>J ← (1 − 1/τs)·J + (W ∗ s[t])/τs, with W ∗ s[t] summed over the inputs that spiked only.</summary>
    protected abstract void Advance(TLayer layer, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOut, Span<float> j, in LifParameters lif, IComputeBackend compute);
}
