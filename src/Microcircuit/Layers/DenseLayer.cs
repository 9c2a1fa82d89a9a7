using System.Numerics.Tensors;
using Microcircuit.Neurons;
using Microcircuit.Randomness;
using Microcircuit.Tensors;

namespace Microcircuit.Layers;

/// <summary>
/// A fully connected layer of pyramidal cells: plastic feedforward weights W [outputs × inputs] onto the basal
/// compartment, and the somatic LIF state of every cell for the whole batch ([batch × outputs], row-major).
/// </summary>
public sealed class DenseLayer
{
    public DenseLayer(int inputs, int outputs, bool bias)
    {
        if (inputs <= 0 || outputs <= 0) throw new ArgumentOutOfRangeException(nameof(outputs), "Layer sizes must be positive.");
        Inputs = inputs;
        Outputs = outputs;
        Weights = new float[outputs * inputs];
        Bias = bias ? new float[outputs] : null;
    }

    private readonly SynapticCurrent _synaptic = new();

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Feedforward weights, row i holds the synapses onto cell i.</summary>
    public float[] Weights { get; }

    public float[]? Bias { get; }

    public int Batch { get; private set; }

    /// <summary>The signs of the weights at initialisation when Dale's principle is on, else null.</summary>
    public float[]? FixedSigns { get; private set; }

    /// <summary>Dale's principle: each synapse keeps its initial type (sign) for good (PAPER.md §4, option <c>dale</c>).</summary>
    public void FixSigns()
    {
        FixedSigns = new float[Weights.Length];
        for (int i = 0; i < Weights.Length; i++) FixedSigns[i] = Weights[i] > 0f ? 1f : Weights[i] < 0f ? -1f : 0f;
    }

    /// <summary>Sets the fixed signs saved in a checkpoint (null: Dale's principle off).</summary>
    public void RestoreFixedSigns(float[]? signs)
    {
        if (signs is not null && signs.Length != Weights.Length)
            throw new ArgumentException($"Expected {Weights.Length} signs, got {signs.Length}.", nameof(signs));
        FixedSigns = signs is null ? null : (float[])signs.Clone();
    }

    /// <summary>Clips to zero every weight an update pushed across its fixed sign.</summary>
    public void EnforceFixedSigns()
    {
        if (FixedSigns is null) return;
        for (int i = 0; i < Weights.Length; i++)
            if (Weights[i] * FixedSigns[i] < 0f) Weights[i] = 0f;
    }

    /// <summary>I[t], the basal input current.</summary>
    public float[] Current { get; private set; } = [];
    /// <summary>u[t], the somatic membrane potential before reset.</summary>
    public float[] Membrane { get; private set; } = [];
    /// <summary>s[t], 0 or 1.</summary>
    public float[] Spikes { get; private set; } = [];
    /// <summary>a[t], the synaptic trace seen downstream.</summary>
    public float[] Trace { get; private set; } = [];
    /// <summary>g[t], the excitability gate (computed only when learning asks for it).</summary>
    public float[] Gate { get; private set; } = [];

    /// <summary>Kaiming-normal initialisation, std √(2/fan_in) (PAPER.md §2).</summary>
    public void InitialiseKaiming(SeededRandom random)
    {
        float std = MathF.Sqrt(2f / Inputs);
        for (int i = 0; i < Weights.Length; i++) Weights[i] = std * random.NextGaussian();
        Bias?.AsSpan().Clear();
    }

    /// <summary>Sizes the state for a batch (allocates only when the batch grows) and resets it to rest.</summary>
    public void Reset(int batch)
    {
        if (Current.Length < batch * Outputs)
        {
            Current = new float[batch * Outputs];
            Membrane = new float[batch * Outputs];
            Spikes = new float[batch * Outputs];
            Trace = new float[batch * Outputs];
            Gate = new float[batch * Outputs];
        }
        Batch = batch;
        int n = batch * Outputs;
        _synaptic.Reset(this, batch);
        Membrane.AsSpan(0, n).Clear();
        Spikes.AsSpan(0, n).Clear();
        Trace.AsSpan(0, n).Clear();
        Gate.AsSpan(0, n).Clear();
    }

    /// <summary>I = a_pre · Wᵀ (+ b) for the batch.</summary>
    public void ComputeCurrent(ReadOnlySpan<float> presynapticTrace, Span<float> current, int threads)
    {
        Gemm.NT(presynapticTrace, Weights, current, Batch, Outputs, Inputs, accumulate: false, threads);
        AddBias(current);
    }

    /// <summary>
    /// I = W·a_pre (+ b) for presynaptic cells that spike (0/1). When few of them spiked this step (at most
    /// <paramref name="eventDensity"/> of the batch's inputs) the synaptic part follows its own filter,
    /// W·a[t] = (1 − 1/τs)·W·a[t−1] + (W·s[t])/τs, with W·s[t] summed over the inputs that spiked only; otherwise it is
    /// the dense product with the trace. Both are the same quantity, up to float rounding.
    /// </summary>
    public void ComputeCurrent(ReadOnlySpan<float> presynapticTrace, ReadOnlySpan<float> presynapticSpikes, in Neurons.LifParameters lif,
        float eventDensity, Span<float> current, int threads)
    {
        int n = Batch * Outputs;
        float spikes = eventDensity > 0f ? TensorPrimitives.Sum(presynapticSpikes[..(Batch * Inputs)]) : float.PositiveInfinity;
        if (spikes > eventDensity * Batch * Inputs)
        {
            Gemm.NT(presynapticTrace, Weights, current, Batch, Outputs, Inputs, accumulate: false, threads);
            if (eventDensity > 0f) _synaptic.Current(this, current);   // a later step may continue from it event-driven
            AddBias(current);
            return;
        }
        _synaptic.EventDriven(this, presynapticSpikes, lif, current[..n], threads);
        AddBias(current);
    }

    public void AddBias(Span<float> current)
    {
        if (Bias is null) return;
        for (int b = 0; b < Batch; b++)
            TensorPrimitives.Add(current.Slice(b * Outputs, Outputs), Bias, current.Slice(b * Outputs, Outputs));
    }

    /// <summary>Advances the cells one step from the current already in <see cref="Current"/>.</summary>
    public void Integrate(in LifParameters lif, SurrogateGradient? gate)
    {
        int n = Batch * Outputs;
        LifNeuron.Step(lif, Current.AsSpan(0, n), Membrane.AsSpan(0, n), Spikes.AsSpan(0, n), Trace.AsSpan(0, n));
        gate?.Evaluate(Membrane.AsSpan(0, n), lif.Threshold, Gate.AsSpan(0, n));
    }

    public Span<float> ActiveSpan(float[] state) => state.AsSpan(0, Batch * Outputs);
}
