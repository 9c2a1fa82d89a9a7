using Microcircuit.Compute;
using Microcircuit.Neurons;

namespace Microcircuit.Layers;

/// <summary>
/// Spiking average pooling (docs/paper.md §8): one cell per window of each feature map, its current the mean of the
/// presynaptic traces in its w×w window (fixed weights 1/w², not plastic), its own threshold θ_pool. Its feedback
/// pathway is the same fixed wiring run backwards: an error spreads evenly over the window.
/// </summary>
public sealed class PoolingLayer : SpikingLayer
{
    public PoolingLayer(ImageShape input, int window, float threshold)
        : base(input, LayerSpec.Pooling(window).OutputShape(input), LayerSpec.Pooling(window), 0, 0)
    {
        if (!(threshold > 0f) || !float.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "The pooling threshold must be positive.");
        Window = window;
        Threshold = threshold;
    }

    public int Window { get; }

    /// <summary>θ_pool.</summary>
    public float Threshold { get; }

    public override int FanIn => Window * Window;
    public override int FanOut => 1;

    private INeuronModel? _network, _cells;   // the last network model seen and its θ_pool variant (no allocation per step)

    public override INeuronModel CellModel(INeuronModel network)
    {
        if (!ReferenceEquals(network, _network))
        {
            _network = network;
            _cells = network.WithThreshold(Threshold);
        }
        return _cells!;
    }

    /// <summary>The mean of each window's presynaptic traces, always from the traces (a pool has no event-driven form).</summary>
    public override void ComputeCurrent(ReadOnlySpan<float> presynapticTrace, ReadOnlySpan<float> presynapticSpikes, in LifParameters lif,
        float eventDensity, Span<float> current, IComputeBackend compute, float presynapticSpikeCount = float.NaN) =>
        Project(presynapticTrace, current, Batch, compute);

    public override void Project(ReadOnlySpan<float> presynaptic, Span<float> result, int batch, IComputeBackend compute) =>
        compute.PoolForward(batch * InputShape.Channels, InputShape.Height, InputShape.Width, Window, presynaptic, result);

    public override void SendBack(ReadOnlySpan<float> error, ReadOnlySpan<float> feedback, Span<float> below, int batch, IComputeBackend compute) =>
        compute.PoolBackward(batch * InputShape.Channels, InputShape.Height, InputShape.Width, Window, error, below);

    public override void AccumulateWeights(ReadOnlySpan<float> post, ReadOnlySpan<float> pre, Span<float> gradient, int batch, IComputeBackend compute)
    {
    }

    public override void AccumulateBias(ReadOnlySpan<float> post, Span<float> gradient, int batch, IComputeBackend compute)
    {
    }

    public override void AddBias(Span<float> current, IComputeBackend compute)
    {
    }
}
