using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Neurons;

namespace Microcircuit.Learning;

/// <summary>
/// The one recorder of a forward pass (BPTT's backward pass and one-sample inspection read it): the per-step states kept for one batch: every layer's membrane u and trace a, the input trace a₀ (or,
/// for constant input, the pixels and the per-step gains c[t]) and the output errors. A history recorded from a
/// network (<see cref="For"/>) keeps only u and a: the spikes s = [u &gt; θ] and the gate g(u) are functions of u, so
/// the backward pass recomputes them with the same operations and gets the same bits, at half the memory per step.
/// A history made from layer sizes alone also keeps s and g as given, for dynamics that are not the network's (the
/// smoothed gradient checks). Buffers are reused from batch to batch.
/// </summary>
public sealed class SpikeHistory
{
    private readonly List<float[][]> _membrane = [], _spikes = [], _gate = [], _trace = [];
    private readonly List<float[]> _input = [], _error = [];
    private readonly List<float> _gain = [];
    private readonly float[] _thresholds;
    private int _capacity;   // the batch size the step slots are sized for
    private readonly IComputeBackend? _compute;   // a recorded network's back end, which may keep the slots on its device; null: host arrays

    /// <summary>A history that keeps s and g as well as u and a (filled through the accessors).</summary>
    public SpikeHistory(IReadOnlyList<int> layerSizes)
    {
        LayerSizes = layerSizes;
        _thresholds = [];
    }

    private SpikeHistory(IReadOnlyList<int> layerSizes, float[] thresholds, SurrogateGradient gate, IComputeBackend compute, bool derivesSpikes)
    {
        _compute = compute;
        LayerSizes = layerSizes;
        _thresholds = thresholds;
        Surrogate = gate;
        DerivesSpikes = derivesSpikes;
    }

    /// <summary>
    /// A history of <paramref name="network"/>'s steps: by default it keeps u and a and derives s and g from u (what BPTT
    /// needs); with <paramref name="keepSpikesAndGates"/> it keeps s and g as they were (what inspection shows).
    /// </summary>
    /// The slots live where the network's back end keeps its state; read them on the host after <see cref="ToHost"/>.
    public static SpikeHistory For(SpikingNetwork network, bool keepSpikesAndGates = false) => keepSpikesAndGates
        ? new(network.Shape.LayerSizes, [], network.Gate, network.Compute, derivesSpikes: false)
        : new(network.Shape.LayerSizes, network.Layers.Select(l => l.CellModel(network.Neuron).Threshold).ToArray(), network.Gate, network.Compute, derivesSpikes: true);

    /// <summary>Makes the host copies of every slot current (free on the CPU); inspection calls it before reading the history.</summary>
    public void ToHost()
    {
        if (_compute is null) return;
        foreach (var step in _membrane.Concat(_trace).Concat(_spikes).Concat(_gate))
            foreach (var slot in step) _compute.ToHost(slot);
        foreach (var slot in _input.Concat(_error)) _compute.ToHost(slot);
    }

    /// <summary>Inputs, then each layer's cell count.</summary>
    public IReadOnlyList<int> LayerSizes { get; }
    public int Layers => LayerSizes.Count - 1;
    public int Batch { get; private set; }
    public int Steps { get; private set; }
    public bool InputIsConstant { get; private set; }
    public float[] Pixels { get; private set; } = [];

    /// <summary>True when s and g are not stored but derived from u (<see cref="Threshold"/>, <see cref="Surrogate"/>).</summary>
    public bool DerivesSpikes { get; }

    /// <summary>The gate the spikes' surrogate derivative is derived with (when <see cref="DerivesSpikes"/>).</summary>
    public SurrogateGradient Surrogate { get; }

    /// <summary>Layer <paramref name="layer"/>'s firing threshold (when <see cref="DerivesSpikes"/>).</summary>
    public float Threshold(int layer) => _thresholds[layer];

    public float[] Membrane(int layer, int step) => _membrane[step - 1][layer];
    public float[] Spikes(int layer, int step) => Kept(_spikes)[step - 1][layer];
    public float[] Gate(int layer, int step) => Kept(_gate)[step - 1][layer];
    public float[] Trace(int layer, int step) => _trace[step - 1][layer];
    public float[] Error(int step) => _error[step - 1];
    /// <summary>a₀[t]; for constant input c[t]·x, made anew on each call (BPTT reads <see cref="InputGain"/> and the pixels instead).</summary>
    public float[] InputTrace(int step)
    {
        if (!InputIsConstant) return _input[step - 1];
        var trace = new float[Batch * LayerSizes[0]];
        float gain = _gain[step - 1];
        for (int i = 0; i < trace.Length; i++) trace[i] = Pixels[i] * gain;
        return trace;
    }
    /// <summary>c[t], with a₀[t] = c[t]·x (valid when the input is constant).</summary>
    public float InputGain(int step) => _gain[step - 1];

    public void Begin(int batch, bool inputIsConstant, ReadOnlySpan<float> pixels)
    {
        if (batch > _capacity)
        {
            Clear();
            _capacity = batch;
        }
        Batch = batch;
        Steps = 0;
        InputIsConstant = inputIsConstant;
        if (Pixels.Length < pixels.Length) Pixels = Allocate(pixels.Length);
        pixels.CopyTo(Pixels);
        _compute?.FromHost(Pixels);
        _gain.Clear();
    }

    /// <summary>Opens the next step's slots (allocated on first use, then reused) and returns its index (1-based).</summary>
    public int NextStep()
    {
        Steps++;
        if (_membrane.Count < Steps)
        {
            _membrane.Add(Slots());
            _trace.Add(Slots());
            if (!DerivesSpikes)
            {
                _spikes.Add(Slots());
                _gate.Add(Slots());
            }
            _input.Add(InputIsConstant ? [] : Allocate(_capacity * LayerSizes[0]));
            _error.Add(Allocate(_capacity * LayerSizes[^1]));
        }
        else if (!InputIsConstant && _input[Steps - 1].Length == 0)
        {
            _input[Steps - 1] = Allocate(_capacity * LayerSizes[0]);
        }
        return Steps;
    }

    /// <summary>Copies the network's state after its latest step, and that step's output error.</summary>
    public void Capture(SpikingNetwork network, ReadOnlySpan<float> outputError)
    {
        int t = NextStep();
        for (int l = 0; l < Layers; l++)
        {
            var layer = network.Layers[l];
            var compute = network.Compute;
            compute.Copy(layer.ActiveSpan(layer.Membrane), _membrane[t - 1][l]);
            compute.Copy(layer.ActiveSpan(layer.Trace), _trace[t - 1][l]);
            if (DerivesSpikes) continue;
            compute.Copy(layer.ActiveSpan(layer.Spikes), _spikes[t - 1][l]);
            compute.Copy(layer.ActiveSpan(layer.Gate), _gate[t - 1][l]);
        }
        if (InputIsConstant) _gain.Add(network.InputGain);
        else network.Compute.Copy(network.PresynapticTrace(0), _input[t - 1]);
        network.Compute.Copy(outputError[..(Batch * LayerSizes[^1])], _error[t - 1]);
    }

    private List<float[][]> Kept(List<float[][]> slots) => DerivesSpikes
        ? throw new InvalidOperationException("This history derives spikes and gates from the membrane; it keeps neither.")
        : slots;

    private float[][] Slots() => Enumerable.Range(1, Layers).Select(l => Allocate(_capacity * LayerSizes[l])).ToArray();

    private float[] Allocate(int length) => _compute?.Allocate(length) ?? new float[length];

    private void Clear()
    {
        _membrane.Clear(); _spikes.Clear(); _gate.Clear(); _trace.Clear(); _input.Clear(); _error.Clear();
    }
}
