using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>
/// Adam with bias correction; a non-zero <paramref name="weightDecay"/> makes it AdamW (decoupled decay).
/// Its moment estimates are part of a checkpoint.
/// </summary>
public sealed class Adam(IReadOnlyList<SpikingLayer> layers, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f,
    LearningRateSchedule schedule = LearningRateSchedule.Constant, IDeviceMemory? memory = null) : IOptimizer
{
    private readonly float[][] _m = Moments(layers, memory);
    private readonly float[][] _v = Moments(layers, memory);

    public string Name => weightDecay > 0f ? "adamw" : "adam";
    public float LearningRate { get; set; } = learningRate;

    public StepSchedule Schedule { get; } = new(learningRate, schedule);

    /// <summary>Updates taken so far.</summary>
    public long Steps { get; set; }

    /// <summary>First and second moment estimates, weights then bias per layer (for checkpoints; see <see cref="IOptimizer.State"/>).</summary>
    public IReadOnlyList<float[]> FirstMoments => _m;
    public IReadOnlyList<float[]> SecondMoments => _v;

    public void Step(IComputeBackend compute, IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        Steps++;
        float c1 = 1f / (1f - MathF.Pow(beta1, Steps));
        float c2 = 1f / (1f - MathF.Pow(beta2, Steps));
        var constants = new AdamConstants(LearningRate, beta1, beta2, epsilon, c1, c2, 1f - LearningRate * weightDecay);
        int slot = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            compute.AdamStep(layers[l].Weights, gradients.Weights[l], _m[slot], _v[slot], constants);
            slot++;
            if (layers[l].Bias is { } bias)
            {
                compute.AdamStep(bias, gradients.Bias[l]!, _m[slot], _v[slot], constants);
                slot++;
            }
        }
    }

    public IEnumerable<float[]> State => _m.Concat(_v);

    private static float[][] Moments(IReadOnlyList<SpikingLayer> layers, IDeviceMemory? memory)
    {
        var list = new List<float[]>();
        foreach (var layer in layers)
        {
            list.Add(memory?.Allocate(layer.Weights.Length) ?? new float[layer.Weights.Length]);
            if (layer.Bias is not null) list.Add(memory?.Allocate(layer.Bias.Length) ?? new float[layer.Bias.Length]);
        }
        return list.ToArray();
    }
}
