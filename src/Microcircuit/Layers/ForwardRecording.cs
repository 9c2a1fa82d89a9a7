namespace Microcircuit.Layers;

/// <summary>
/// Everything a forward pass did, step by step: per layer the current, membrane, spikes, trace and gate of every
/// cell, and the input trace. Filled by <see cref="Capture"/> after each step when recording is asked for, so
/// rasters, traces and rule comparisons need no hooks.
/// </summary>
public sealed class ForwardRecording
{
    private readonly List<float[]> _input = [];
    private readonly List<float[]>[] _membrane, _spikes, _trace, _gate;

    public ForwardRecording(int layers)
    {
        _membrane = NewLists(layers);
        _spikes = NewLists(layers);
        _trace = NewLists(layers);
        _gate = NewLists(layers);
    }

    public int Steps => _input.Count;

    /// <summary>a₀[t] for step t (1-based) [batch × inputs].</summary>
    public float[] InputTrace(int step) => _input[step - 1];
    public float[] Membrane(int layer, int step) => _membrane[layer][step - 1];
    public float[] Spikes(int layer, int step) => _spikes[layer][step - 1];
    public float[] Trace(int layer, int step) => _trace[layer][step - 1];
    public float[] Gate(int layer, int step) => _gate[layer][step - 1];

    /// <summary>Copies the network's state after its latest step.</summary>
    public void Capture(SpikingNetwork network)
    {
        _input.Add(network.PresynapticTrace(0).ToArray());
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            _membrane[l].Add(layer.ActiveSpan(layer.Membrane).ToArray());
            _spikes[l].Add(layer.ActiveSpan(layer.Spikes).ToArray());
            _trace[l].Add(layer.ActiveSpan(layer.Trace).ToArray());
            _gate[l].Add(layer.ActiveSpan(layer.Gate).ToArray());
        }
    }

    private static List<float[]>[] NewLists(int n) => Enumerable.Range(0, n).Select(_ => new List<float[]>()).ToArray();
}
