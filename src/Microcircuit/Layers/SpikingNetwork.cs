using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Encoding;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Layers;

/// <summary>
/// A multi-layer spiking network advanced one time step at a time for a whole batch. Layer l's pyramidal cells
/// receive the trace of layer l−1 (layer 0 is the encoded input). With a constant-input encoder the first layer's
/// current is W·x computed once per sample and scaled by the trace's unit response c[t] each step — the same
/// numbers as filtering the input, computed T times cheaper.
/// </summary>
public sealed class SpikingNetwork
{
    private float[] _pixels = [];
    private float[] _inputActivity = [];
    private float[] _inputTrace = [];
    private float[] _projection = [];
    private bool _inputTraceCurrent;

    /// <param name="initGain">
    /// Multiplies the Kaiming std of every layer above the first. The first layer sees normalised pixels; the others
    /// see traces whose values are firing rates, so in deep (convolutional) networks activity fades layer by layer
    /// unless their weights start larger.
    /// </param>
    /// <param name="neuron">The cell model of every layer; null: LIF cells of <paramref name="lif"/>. The synaptic traces (τs) and the losses keep <paramref name="lif"/>.</param>
    public SpikingNetwork(NetworkShape shape, LifParameters lif, SurrogateGradient gate, IInputEncoder encoder, bool bias, SeededRandom initialisation,
        float? poolThreshold = null, float initGain = 1f, INeuronModel? neuron = null)
    {
        lif.Validate();
        gate.Validate();
        Shape = shape;
        Lif = lif;
        Neuron = neuron ?? new LifModel(lif);
        Gate = gate;
        Encoder = encoder;
        var layers = new SpikingLayer[shape.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = SpikingLayer.Create(shape.Layers[l], shape.Shapes[l], bias, poolThreshold);
            layers[l].InitialiseKaiming(initialisation, l == 0 ? 1f : initGain);
        }
        Layers = layers;
    }

    public NetworkShape Shape { get; }
    public LifParameters Lif { get; }
    public SurrogateGradient Gate { get; }
    public IInputEncoder Encoder { get; }
    public IReadOnlyList<SpikingLayer> Layers { get; }
    public SpikingLayer Output => Layers[^1];
    public int InputSize => Shape.Inputs;

    /// <summary>
    /// Where every number of a step is computed (the CPU back end on one thread unless set); the threads are the back end's.
    /// Setting it hands the layers' weights to the back end, which may keep them, and the cells' state, on its device
    /// (read them on the host after <see cref="SpikingLayer.WeightsToHost"/>). Set it once, before a rule or an optimiser is
    /// made for the network: theirs are allocated on the back end the network has then.
    /// </summary>
    public IComputeBackend Compute
    {
        get => _compute;
        set
        {
            foreach (var layer in Layers) layer.MoveTo(value);
            foreach (var array in new[] { _pixels, _inputTrace, _projection }) _compute.ToHost(array);
            _pixels = value.Adopt(_pixels);
            _inputTrace = value.Adopt(_inputTrace);
            _projection = value.Adopt(_projection);
            _compute = value;
        }
    }

    private IComputeBackend _compute = CpuBackend.Serial;

    /// <summary>Makes the host copies of every layer's weights and biases current (free on the CPU).</summary>
    public void WeightsToHost()
    {
        foreach (var layer in Layers) layer.WeightsToHost();
    }

    /// <summary>Says that the host changed layers' weights or biases (free on the CPU).</summary>
    public void WeightsFromHost()
    {
        foreach (var layer in Layers) layer.WeightsFromHost();
    }

    /// <summary>Makes the host copies of the output layer's trace and spikes current: what a loss and a read-out read each step.</summary>
    public void OutputToHost()
    {
        Output.StateToHost(Output.Trace);
        Output.StateToHost(Output.Spikes);
    }

    /// <summary>Worker threads of the back end.</summary>
    public int Threads => Compute.Threads;

    /// <summary>
    /// A layer takes its current event-driven (adding the weight rows of the inputs that spiked) in a step where at
    /// most this fraction of its spiking inputs fired; above it, the dense product with the trace is faster. 0 = never.
    /// </summary>
    public float EventDrivenDensity { get; set; } = 0.2f;

    /// <summary>
    /// Decay per step of the synaptic eligibility trace the Hebbian product reads (see <see cref="SynapticEligibility"/>);
    /// 0 = off: the product reads the presynaptic trace itself, as docs/paper.md §5 writes it. A property of the synapses;
    /// the traces themselves are the learning side's (<c>Learning.HebbianPlasticity</c>).
    /// </summary>
    public float EligibilityDecay { get; set; }

    /// <summary>Whether the Hebbian product reads an eligibility trace rather than the presynaptic trace.</summary>
    public bool HasEligibility => EligibilityDecay > 0f;

    public int Batch { get; private set; }

    /// <summary>The current step t (1-based; 0 before the first step of a batch).</summary>
    public int Step { get; private set; }

    /// <summary>True when the input is the same every step (direct encoding).</summary>
    public bool InputIsConstant => Encoder.IsConstant;

    /// <summary>c[t], the input trace's unit response, valid when <see cref="InputIsConstant"/>.</summary>
    public float InputGain { get; private set; }

    /// <summary>Floats one sample gives the encoder: <see cref="InputSize"/> × the encoder's frames (T for event streams, else 1).</summary>
    /// <summary>The cells' model (<see cref="LifModel"/> unless the network was given another).</summary>
    public INeuronModel Neuron { get; }

    public int SampleSize => InputSize * Encoder.Frames;

    /// <summary>The batch of samples [batch × <see cref="SampleSize"/>] as the encoder receives them.</summary>
    public ReadOnlySpan<float> Pixels => _pixels.AsSpan(0, Batch * SampleSize);

    /// <summary>s₀[t], the encoded input activity [batch × inputs].</summary>
    public ReadOnlySpan<float> InputActivity =>
        InputIsConstant ? Pixels : _inputActivity.AsSpan(0, Batch * InputSize);

    /// <summary>Loads a batch and resets every cell to rest.</summary>
    public void BeginBatch(ReadOnlySpan<float> pixels, int batch)
    {
        if (batch <= 0 || pixels.Length < batch * SampleSize)
            throw new ArgumentException($"Expected {batch} × {SampleSize} input values, got {pixels.Length}.");
        Batch = batch;
        Step = 0;
        InputGain = 0f;
        int n = batch * InputSize;
        if (_inputTrace.Length < n)
        {
            _inputActivity = new float[n];   // the encoder writes it on the host each step
            _inputTrace = Compute.Allocate(n);
        }
        int sample = batch * SampleSize;
        if (_pixels.Length < sample) _pixels = Compute.Allocate(sample);
        pixels[..sample].CopyTo(_pixels);
        Compute.FromHost(_pixels);
        Compute.Clear(_inputTrace.AsSpan(0, n));
        _inputTraceCurrent = true;
        for (int l = 0; l < Layers.Count; l++) Layers[l].Reset(batch, Compute);

        if (InputIsConstant)
        {
            var first = Layers[0];
            if (_projection.Length < batch * first.Outputs) _projection = Compute.Allocate(batch * first.Outputs);
            first.Project(Pixels, _projection, batch, Compute);
        }
    }

    /// <summary>
    /// The simulation of a loaded batch (<see cref="BeginBatch"/>): <paramref name="steps"/> steps, each advancing the first
    /// <paramref name="layers"/> layers (0: all), then telling <paramref name="observer"/>. The one T-step loop of the
    /// library: training, evaluation, inspection, the test-set survey and calibration all run through it. The observer
    /// may be a ref struct holding the batch's spans; it is called directly, without allocation or a virtual call.
    /// </summary>
    /// <param name="random">Draws of stochastic encoders.</param>
    /// <param name="computeGates">Whether to evaluate each cell's excitability gate (learning needs it, inference does not).</param>
    public void Run<TObserver>(int steps, SeededRandom random, bool computeGates, ref TObserver observer, int layers = 0)
        where TObserver : IStepObserver, allows ref struct
    {
        if (layers == 0) layers = Layers.Count;
        for (int t = 1; t <= steps; t++)
        {
            Advance(random, computeGates, layers);
            observer.AfterStep(this, t);
        }
    }

    /// <summary>Advances every layer by one step.</summary>
    /// <param name="random">Draws of stochastic encoders.</param>
    /// <param name="computeGates">Whether to evaluate each cell's excitability gate (learning needs it, inference does not).</param>
    public void Advance(SeededRandom random, bool computeGates) => Advance(random, computeGates, Layers.Count);

    /// <summary>Advances the first <paramref name="layers"/> layers by one step (the ones above stay as they are).</summary>
    public void Advance(SeededRandom random, bool computeGates, int layers)
    {
        if (layers < 1 || layers > Layers.Count) throw new ArgumentOutOfRangeException(nameof(layers));
        Step++;
        SurrogateGradient? gate = computeGates ? Gate : null;
        var first = Layers[0];
        int n0 = Batch * InputSize;
        if (InputIsConstant)
        {
            InputGain = SynapticTrace.UnitResponse(Lif, Step);
            _inputTraceCurrent = false;
            var projection = _projection.AsSpan(0, Batch * first.Outputs);
            if (first.Bias is null)
            {
                first.Integrate(projection, InputGain, Neuron, gate, Compute);   // c[t]·Wx inside the step (Current is not written)
            }
            else
            {
                Compute.Multiply(projection, InputGain, first.Current.AsSpan(0, projection.Length));
                first.AddBias(first.Current, Compute);
                first.Integrate(Neuron, gate, Compute);
            }
        }
        else
        {
            Encoder.Encode(Step, Pixels, _inputActivity.AsSpan(0, n0), Batch, random);
            Compute.Filter(Lif.TraceDecay, Lif.TraceGain, _inputActivity.AsSpan(0, n0), _inputTrace.AsSpan(0, n0));
            first.ComputeCurrent(_inputTrace.AsSpan(0, n0), _inputActivity.AsSpan(0, n0), Lif,
                Encoder.EmitsSpikes ? EventDrivenDensity : 0f, first.Current, Compute);
            first.Integrate(Neuron, gate, Compute);
        }

        for (int l = 1; l < layers; l++)
        {
            var layer = Layers[l];
            var below = Layers[l - 1];
            layer.ComputeCurrent(below.ActiveSpan(below.Trace), below.ActiveSpan(below.Spikes), Lif, EventDrivenDensity, layer.Current, Compute, below.SpikeCount);
            layer.Integrate(Neuron, gate, Compute);
        }
    }

    /// <summary>
    /// The trace a_{l−1}[t] presynaptic to layer <paramref name="layerIndex"/> (0-based): the input trace for the
    /// first layer (materialised on demand for constant input), otherwise the previous layer's trace.
    /// </summary>
    public ReadOnlySpan<float> PresynapticTrace(int layerIndex)
    {
        if (layerIndex > 0) return Layers[layerIndex - 1].ActiveSpan(Layers[layerIndex - 1].Trace);
        int n = Batch * InputSize;
        if (InputIsConstant && !_inputTraceCurrent)
        {
            Compute.Multiply(Pixels, InputGain, _inputTrace.AsSpan(0, n));
            _inputTraceCurrent = true;
        }
        return _inputTrace.AsSpan(0, n);
    }

    /// <summary><see cref="PresynapticTrace"/> with its host copy made current, for a pass that reads it on the host (free on the CPU).</summary>
    public ReadOnlySpan<float> PresynapticTraceOnHost(int layerIndex)
    {
        var trace = PresynapticTrace(layerIndex);
        Compute.ToHost(layerIndex > 0 ? Layers[layerIndex - 1].Trace : _inputTrace);
        return trace;
    }
}
