using System.Numerics.Tensors;
using Microcircuit.Neurons;
using Microcircuit.Tensors;

namespace Microcircuit.Layers;

/// <summary>
/// A fully connected layer of pyramidal cells: plastic feedforward weights W [outputs × inputs] onto the basal
/// compartment (row i holds the synapses onto cell i).
/// </summary>
public sealed class DenseLayer : SpikingLayer
{
    private readonly SynapticCurrent _synaptic = new();

    public DenseLayer(int inputs, int outputs, bool bias)
        : base(new ImageShape(Positive(inputs), 1, 1), new ImageShape(Positive(outputs), 1, 1), LayerSpec.Dense(outputs), inputs * outputs, bias ? outputs : 0)
    {
    }

    /// <summary>A dense layer on top of an image: the image is read flattened, channel-major.</summary>
    public DenseLayer(ImageShape input, int outputs, bool bias)
        : base(input, new ImageShape(Positive(outputs), 1, 1), LayerSpec.Dense(outputs), input.Size * outputs, bias ? outputs : 0)
    {
    }

    private static int Positive(int size) =>
        size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), "Layer sizes must be positive.");

    public override int FanIn => Inputs;
    public override int FanOut => Outputs;

    protected override void OnReset(int batch) => _synaptic.Reset(this, batch);

    /// <summary>
    /// I = W·a_pre (+ b) for presynaptic cells that spike (0/1). When few of them spiked this step (at most
    /// <paramref name="eventDensity"/> of the batch's inputs) the synaptic part follows its own filter,
    /// W·a[t] = (1 − 1/τs)·W·a[t−1] + (W·s[t])/τs, with W·s[t] summed over the inputs that spiked only; otherwise it is
    /// the dense product with the trace. Both are the same quantity, up to float rounding.
    /// </summary>
    public override void ComputeCurrent(ReadOnlySpan<float> presynapticTrace, ReadOnlySpan<float> presynapticSpikes, in LifParameters lif,
        float eventDensity, Span<float> current, int threads, float presynapticSpikeCount = float.NaN)
    {
        int n = Batch * Outputs;
        if (!FewSpiked(presynapticSpikes, eventDensity, presynapticSpikeCount))
        {
            Gemm.NT(presynapticTrace, Weights, current, Batch, Outputs, Inputs, accumulate: false, threads);
            if (eventDensity > 0f) _synaptic.Current(this, current);   // a later step may continue from it event-driven
            AddBias(current);
            return;
        }
        _synaptic.EventDriven(this, presynapticSpikes, lif, current[..n], threads);
        AddBias(current);
    }

    public override void Project(ReadOnlySpan<float> presynaptic, Span<float> result, int batch, int threads) =>
        Gemm.NT(presynaptic, Weights, result, batch, Outputs, Inputs, accumulate: false, threads);

    public override void SendBack(ReadOnlySpan<float> error, ReadOnlySpan<float> feedback, Span<float> below, int batch, int threads) =>
        Gemm.NN(error, feedback, below, batch, Inputs, Outputs, accumulate: false, threads);

    public override void AccumulateWeights(ReadOnlySpan<float> post, ReadOnlySpan<float> pre, Span<float> gradient, int batch, int threads) =>
        Gemm.TN(post, pre, gradient, Outputs, Inputs, batch, accumulate: true, threads);

    public override void AccumulateBias(ReadOnlySpan<float> post, Span<float> gradient, int batch)
    {
        for (int b = 0; b < batch; b++) TensorPrimitives.Add(gradient, post.Slice(b * Outputs, Outputs), gradient);
    }

    public override void AddBias(Span<float> current)
    {
        if (Bias is null) return;
        for (int b = 0; b < Batch; b++)
            TensorPrimitives.Add(current.Slice(b * Outputs, Outputs), Bias, current.Slice(b * Outputs, Outputs));
    }
}
