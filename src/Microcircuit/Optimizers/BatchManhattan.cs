using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>
/// Batch Manhattan: ΔW = −η·sign(G), the sign of the summed update over the batch. With momentum β &gt; 0 the sign is
/// taken of a running sum over batches instead, m ← β·m + G, ΔW = −η·sign(m) (sign descent with momentum, "Signum"):
/// each weight still moves by exactly η per step, in the direction its recent updates agree on. β = 0 is the plain rule.
/// With a relative step, each layer's step is η times the root mean square of that layer's weights (taken before the
/// step): η becomes a fraction of the layer's own weight scale, the same for every layer, where the plain rule moves a
/// 27-input convolution and a 2,048-input dense layer by the same absolute amount. The layer's bias moves by the same step.
/// </summary>
public sealed class BatchManhattan : IOptimizer
{
    private readonly float _momentum;
    private readonly float[][] _velocity;
    private readonly bool _relativeStep;

    public BatchManhattan(IReadOnlyList<SpikingLayer> layers, float learningRate, float momentum = 0f, bool relativeStep = false,
        LearningRateSchedule schedule = LearningRateSchedule.Constant, IDeviceMemory? memory = null)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), "Momentum must lie in [0, 1).");
        LearningRate = learningRate;
        Schedule = new StepSchedule(learningRate, schedule);
        _momentum = momentum;
        _relativeStep = relativeStep;
        _velocity = momentum > 0f
            ? layers.SelectMany(l => l.Bias is null ? new[] { l.Weights.Length } : [l.Weights.Length, l.Bias.Length])
                .Select(n => memory?.Allocate(n) ?? new float[n]).ToArray()
            : [];
    }

    public string Name => "manhattan";
    public float LearningRate { get; set; }

    public StepSchedule Schedule { get; }

    public IEnumerable<float[]> State => _velocity;

    /// <summary>The running sums m, weights then bias per layer (empty without momentum).</summary>
    public IReadOnlyList<float[]> Velocity => _velocity;

    public void Step(IComputeBackend compute, IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        int k = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            float[] weights = layers[l].Weights;
            float step = _relativeStep && weights.Length > 0 ? LearningRate * compute.Norm(weights) / MathF.Sqrt(weights.Length) : LearningRate;
            compute.SignStep(weights, gradients.Weights[l], step, _momentum > 0f ? _velocity[k++] : [], _momentum);
            if (layers[l].Bias is { } bias) compute.SignStep(bias, gradients.Bias[l]!, step, _momentum > 0f ? _velocity[k++] : [], _momentum);
        }
    }
}
