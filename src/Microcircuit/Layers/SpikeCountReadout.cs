using Microcircuit.Compute;

namespace Microcircuit.Layers;

/// <summary>
/// The class readout: argmax of output spike counts over the T steps, ties broken by the summed membrane
/// potential (docs/paper.md §2).
/// </summary>
public sealed class SpikeCountReadout
{
    private float[] _counts = [];
    private float[] _membraneSums = [];
    private int _batch;
    private int _classes;

    public void Reset(int batch, int classes)
    {
        if (_counts.Length < batch * classes)
        {
            _counts = new float[batch * classes];
            _membraneSums = new float[batch * classes];
        }
        _batch = batch;
        _classes = classes;
        _counts.AsSpan(0, batch * classes).Clear();
        _membraneSums.AsSpan(0, batch * classes).Clear();
    }

    public void Accumulate(SpikingLayer output, IComputeBackend compute)
    {
        int n = _batch * _classes;
        compute.Add(_counts.AsSpan(0, n), output.Spikes.AsSpan(0, n), _counts.AsSpan(0, n));
        compute.Add(_membraneSums.AsSpan(0, n), output.Membrane.AsSpan(0, n), _membraneSums.AsSpan(0, n));
    }

    /// <summary>Spike counts per sample and class [batch × classes].</summary>
    public ReadOnlySpan<float> Counts => _counts.AsSpan(0, _batch * _classes);

    /// <summary>Membrane potentials summed over the steps, per sample and class [batch × classes]: the tie-breaker.</summary>
    public ReadOnlySpan<float> MembraneSums => _membraneSums.AsSpan(0, _batch * _classes);

    public int Predict(int sample)
    {
        var counts = _counts.AsSpan(sample * _classes, _classes);
        var sums = _membraneSums.AsSpan(sample * _classes, _classes);
        int best = 0;
        for (int c = 1; c < _classes; c++)
        {
            if (counts[c] > counts[best] || (counts[c] == counts[best] && sums[c] > sums[best])) best = c;
        }
        return best;
    }
}
