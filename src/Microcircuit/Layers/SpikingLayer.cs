using Microcircuit.Compute;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Layers;

/// <summary>
/// A layer of pyramidal cells, whatever wires their basal compartments: the somatic LIF state of every cell for the
/// whole batch ([batch × cells], row-major; a convolutional layer's cells channel-major per sample), the plastic
/// feedforward weights, and the three products every learning rule is made of — the forward current, the error sent
/// back through a feedback copy of the weights, and the Hebbian product of a postsynaptic signal with the
/// presynaptic trace.
/// </summary>
public abstract class SpikingLayer
{
    protected SpikingLayer(ImageShape input, ImageShape output, LayerSpec spec, int weights, int biases)
    {
        InputShape = input;
        OutputShape = output;
        Spec = spec;
        Weights = new float[weights];
        Bias = biases > 0 ? new float[biases] : null;
    }

    public LayerSpec Spec { get; }
    public ImageShape InputShape { get; }
    public ImageShape OutputShape { get; }

    /// <summary>Presynaptic values per sample.</summary>
    public int Inputs => InputShape.Size;

    /// <summary>Cells per sample.</summary>
    public int Outputs => OutputShape.Size;

    /// <summary>
    /// Plastic feedforward weights (empty for a pool, whose fixed weights are implicit). A back end on another device keeps
    /// them there: read them on the host after <see cref="WeightsToHost"/>, and after changing them call
    /// <see cref="WeightsFromHost"/>.
    /// </summary>
    public float[] Weights { get; private set; }

    public float[]? Bias { get; private set; }

    /// <summary>Where the weights and the cells' state live (null: the host, before a network hands the layer a back end).</summary>
    private IDeviceMemory? _memory;

    /// <summary>Hands the weights, bias, fixed signs and cell state to <paramref name="memory"/> (a back end may keep them on its device), their current values with them.</summary>
    internal void MoveTo(IDeviceMemory memory)
    {
        if (ReferenceEquals(_memory, memory)) return;
        WeightsToHost();
        foreach (var array in new[] { FixedSigns, Current, Membrane, Spikes, Trace, Gate })
            if (array is not null) _memory?.ToHost(array);
        _memory = memory;
        Weights = memory.Adopt(Weights);
        Bias = Bias is null ? null : memory.Adopt(Bias);
        FixedSigns = FixedSigns is null ? null : memory.Adopt(FixedSigns);
        Current = memory.Adopt(Current);
        Membrane = memory.Adopt(Membrane);
        Spikes = memory.Adopt(Spikes);
        Trace = memory.Adopt(Trace);
        Gate = memory.Adopt(Gate);
    }

    /// <summary>Makes the host copies of <see cref="Weights"/> and <see cref="Bias"/> current (free on the CPU).</summary>
    public void WeightsToHost()
    {
        _memory?.ToHost(Weights);
        if (Bias is not null) _memory?.ToHost(Bias);
    }

    /// <summary>Says that the host changed <see cref="Weights"/> or <see cref="Bias"/> (free on the CPU).</summary>
    public void WeightsFromHost()
    {
        _memory?.FromHost(Weights);
        if (Bias is not null) _memory?.FromHost(Bias);
    }

    /// <summary>Makes the host copy of one of this layer's state arrays (<see cref="Trace"/>, <see cref="Spikes"/>, …) current.</summary>
    public void StateToHost(float[] state) => _memory?.ToHost(state);

    /// <summary>Whether learning changes this layer's synapses (false for pooling).</summary>
    public bool IsPlastic => Weights.Length > 0;

    /// <summary>Presynaptic cells one postsynaptic cell sees (Kaiming's fan-in).</summary>
    public abstract int FanIn { get; }

    /// <summary>Postsynaptic cells one presynaptic cell reaches through one weight (Xavier's fan-out).</summary>
    public abstract int FanOut { get; }

    public int Batch { get; private set; }

    /// <summary>The signs of the weights at initialisation when Dale's principle is on, else null.</summary>
    public float[]? FixedSigns { get; private set; }

    /// <summary>I[t], the basal input current (not written for a bias-free first layer under constant input, whose current
    /// c[t]·W·x the step forms from the projection as it goes).</summary>
    public float[] Current { get; private set; } = [];
    /// <summary>u[t], the somatic membrane potential before reset.</summary>
    public float[] Membrane { get; private set; } = [];
    /// <summary>s[t], 0 or 1.</summary>
    public float[] Spikes { get; private set; } = [];
    /// <summary>a[t], the synaptic trace seen downstream.</summary>
    public float[] Trace { get; private set; } = [];
    /// <summary>How many cells of the batch fired in the latest step (the count of 1s in <see cref="Spikes"/>).</summary>
    public float SpikeCount { get; private set; }

    /// <summary>g[t], the excitability gate (computed only when learning asks for it).</summary>
    public float[] Gate { get; private set; } = [];

    /// <summary>This layer's cell model given the network's (a pool's cells have their own threshold).</summary>
    public virtual INeuronModel CellModel(INeuronModel network) => network;

    /// <summary>Dale's principle: each synapse keeps its initial type (sign) for good (docs/paper.md §4, option <c>dale</c>).</summary>
    public void FixSigns()
    {
        WeightsToHost();
        var signs = new float[Weights.Length];
        for (int i = 0; i < Weights.Length; i++) signs[i] = Weights[i] > 0f ? 1f : Weights[i] < 0f ? -1f : 0f;
        FixedSigns = _memory?.Adopt(signs) ?? signs;
    }

    /// <summary>Sets the fixed signs saved in a checkpoint (null: Dale's principle off).</summary>
    public void RestoreFixedSigns(float[]? signs)
    {
        if (signs is not null && signs.Length != Weights.Length)
            throw new ArgumentException($"Expected {Weights.Length} signs, got {signs.Length}.", nameof(signs));
        FixedSigns = signs is null ? null : _memory?.Adopt((float[])signs.Clone()) ?? (float[])signs.Clone();
    }

    /// <summary>Clips to zero every weight an update pushed across its fixed sign.</summary>
    public void EnforceFixedSigns(IComputeBackend compute)
    {
        if (FixedSigns is not null) compute.KeepSigns(Weights, FixedSigns);
    }

    /// <summary>Kaiming-normal initialisation, std = gain·√(2/fan_in) (docs/paper.md §2: gain 1).</summary>
    public void InitialiseKaiming(SeededRandom random, float gain = 1f)
    {
        float std = gain * MathF.Sqrt(2f / FanIn);
        for (int i = 0; i < Weights.Length; i++) Weights[i] = std * random.NextGaussian();
        Bias?.AsSpan().Clear();
        WeightsFromHost();
    }

    /// <summary>
    /// Sizes the state for a batch (allocates only when the batch grows, through <paramref name="compute"/>, which may keep
    /// it on its device) and resets it to rest there.
    /// </summary>
    public void Reset(int batch, IComputeBackend compute)
    {
        MoveTo(compute);
        if (Current.Length < batch * Outputs)
        {
            Current = compute.Allocate(batch * Outputs);
            Membrane = compute.Allocate(batch * Outputs);
            Spikes = compute.Allocate(batch * Outputs);
            Trace = compute.Allocate(batch * Outputs);
            Gate = compute.Allocate(batch * Outputs);
        }
        Batch = batch;
        int n = batch * Outputs;
        compute.Clear(Membrane.AsSpan(0, n));
        compute.Clear(Spikes.AsSpan(0, n));
        compute.Clear(Trace.AsSpan(0, n));
        compute.Clear(Gate.AsSpan(0, n));
        SpikeCount = 0f;
        OnReset(batch, compute);
    }

    protected virtual void OnReset(int batch, IComputeBackend compute)
    {
    }

    /// <summary>
    /// I = W ∗ a_pre (+ b) for the batch, from the presynaptic trace [batch × inputs] and, when the presynaptic cells
    /// spike, their spikes (a layer may then take its current event-driven when at most <paramref name="eventDensity"/>
    /// of them fired; <paramref name="presynapticSpikeCount"/>, when known, is how many did, else they are counted here).
    /// Writes <paramref name="current"/> [batch × cells]. The synaptic part is <see cref="Project"/> of the trace, or, when
    /// few inputs fired, <see cref="EventDrivenCurrent"/>: both the same quantity, up to float rounding.
    /// </summary>
    public virtual void ComputeCurrent(ReadOnlySpan<float> presynapticTrace, ReadOnlySpan<float> presynapticSpikes, in LifParameters lif,
        float eventDensity, Span<float> current, IComputeBackend compute, float presynapticSpikeCount = float.NaN)
    {
        if (FewSpiked(presynapticSpikes, eventDensity, presynapticSpikeCount, compute))
            EventDrivenCurrent(presynapticSpikes, lif, current[..(Batch * Outputs)], compute);
        else
        {
            Project(presynapticTrace, current, Batch, compute);
            if (eventDensity > 0f) KeepSynapticCurrent(current, compute);   // a later step may continue from it event-driven
        }
        AddBias(current, compute);
    }

    /// <summary>
    /// Whether this step's current may be taken event-driven: <paramref name="eventDensity"/> is positive and at most that
    /// fraction of the batch's presynaptic cells fired (<paramref name="presynapticSpikeCount"/> when known, else counted).
    /// </summary>
    private bool FewSpiked(ReadOnlySpan<float> presynapticSpikes, float eventDensity, float presynapticSpikeCount, IComputeBackend compute)
    {
        if (!(eventDensity > 0f)) return false;
        float spikes = float.IsNaN(presynapticSpikeCount) ? compute.Sum(presynapticSpikes[..(Batch * Inputs)]) : presynapticSpikeCount;
        return !(spikes > eventDensity * Batch * Inputs);
    }

    /// <summary>
    /// The synaptic part of this step's current (no bias) taken event-driven, from the part kept at the previous step and
    /// the presynaptic spikes s[t] alone: J[t] = (1 − 1/τs)·J[t−1] + (W ∗ s[t])/τs, written to <paramref name="current"/>
    /// [batch × cells]. A layer without an event-driven form overrides <see cref="ComputeCurrent"/> instead.
    /// </summary>
    protected virtual void EventDrivenCurrent(ReadOnlySpan<float> presynapticSpikes, in LifParameters lif, Span<float> current, IComputeBackend compute) =>
        throw new NotSupportedException($"{GetType().Name} has no event-driven current.");

    /// <summary>Keeps the synaptic part of a current just computed from the trace (no bias yet), for a later event-driven step.</summary>
    protected virtual void KeepSynapticCurrent(ReadOnlySpan<float> current, IComputeBackend compute)
    {
    }

    /// <summary>The synaptic part W ∗ x of the current for an arbitrary presynaptic batch x (no bias): the first layer's projection of constant input.</summary>
    public abstract void Project(ReadOnlySpan<float> presynaptic, Span<float> result, int batch, IComputeBackend compute);

    /// <summary>
    /// The error this layer's cells send to the layer below through <paramref name="feedback"/> (a copy of W's layout
    /// with the rule's values; ignored by a pool, whose fixed pathway spreads errors evenly): below = errorᵀ-product,
    /// [batch × inputs], overwritten. With feedback = W it is the exact adjoint of <see cref="Project"/>.
    /// </summary>
    public abstract void SendBack(ReadOnlySpan<float> error, ReadOnlySpan<float> feedback, Span<float> below, int batch, IComputeBackend compute);

    /// <summary>G += Σ_b post[b] ⊗ pre[b]: the Hebbian product through this layer's wiring (nothing for a pool).</summary>
    public abstract void AccumulateWeights(ReadOnlySpan<float> post, ReadOnlySpan<float> pre, Span<float> gradient, int batch, IComputeBackend compute);

    /// <summary>G_b += Σ over the batch (and, for a convolution, over positions) of the postsynaptic signal.</summary>
    public abstract void AccumulateBias(ReadOnlySpan<float> post, Span<float> gradient, int batch, IComputeBackend compute);

    /// <summary>Adds the bias to a batch of currents.</summary>
    public abstract void AddBias(Span<float> current, IComputeBackend compute);

    /// <summary>Advances the cells one step, as the network's cell model says, from the current already in <see cref="Current"/>.</summary>
    public void Integrate(INeuronModel neuron, SurrogateGradient? gate, IComputeBackend compute) => Integrate(Current, 1f, neuron, gate, compute);

    /// <summary>
    /// Advances the cells one step from the current <paramref name="scale"/>·<paramref name="input"/> [batch × cells]
    /// (a constant input's projection W·x and the trace's unit response c[t]), evaluating the gate in the same pass.
    /// </summary>
    public void Integrate(ReadOnlySpan<float> input, float scale, INeuronModel neuron, SurrogateGradient? gate, IComputeBackend compute)
    {
        int n = Batch * Outputs;
        SpikeCount = CellModel(neuron).Step(compute, gate, input[..n], scale, Membrane.AsSpan(0, n), Spikes.AsSpan(0, n), Trace.AsSpan(0, n), Gate.AsSpan(0, n));
    }

    public Span<float> ActiveSpan(float[] state) => state.AsSpan(0, Batch * Outputs);

    /// <summary>Builds the layer a spec describes on an input of the given shape.</summary>
    /// <param name="poolThreshold">θ_pool of a pooling layer; null: 1/k² for its k×k window.</param>
    public static SpikingLayer Create(LayerSpec spec, ImageShape input, bool bias, float? poolThreshold) => spec.Kind switch
    {
        LayerKind.Dense => new DenseLayer(input, spec.Size, bias),
        LayerKind.Convolution => new ConvolutionLayer(input, spec, bias),
        _ => new PoolingLayer(input, spec.Kernel, poolThreshold ?? 1f / (spec.Kernel * spec.Kernel)),
    };
}
