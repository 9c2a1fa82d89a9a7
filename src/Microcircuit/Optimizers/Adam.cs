using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microcircuit.Layers;
using Microcircuit.Learning;

namespace Microcircuit.Optimizers;

/// <summary>
/// Adam with bias correction; a non-zero <paramref name="weightDecay"/> makes it AdamW (decoupled decay).
/// Its moment estimates are part of a checkpoint.
/// </summary>
public sealed class Adam(IReadOnlyList<SpikingLayer> layers, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f,
    LearningRateSchedule schedule = LearningRateSchedule.Constant) : IOptimizer
{
    private readonly float[][] _m = Moments(layers);
    private readonly float[][] _v = Moments(layers);

    public string Name => weightDecay > 0f ? "adamw" : "adam";
    public float LearningRate { get; set; } = learningRate;

    public StepSchedule Schedule { get; } = new(learningRate, schedule);

    /// <summary>Updates taken so far.</summary>
    public long Steps { get; set; }

    /// <summary>First and second moment estimates, weights then bias per layer (for checkpoints).</summary>
    public IReadOnlyList<float[]> FirstMoments => _m;
    public IReadOnlyList<float[]> SecondMoments => _v;

    public void Step(IReadOnlyList<SpikingLayer> layers, Gradients gradients)
    {
        Steps++;
        float c1 = 1f / (1f - MathF.Pow(beta1, Steps));
        float c2 = 1f / (1f - MathF.Pow(beta2, Steps));
        int slot = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            Update(layers[l].Weights, gradients.Weights[l], _m[slot], _v[slot], c1, c2);
            slot++;
            if (layers[l].Bias is { } bias)
            {
                Update(bias, gradients.Bias[l]!, _m[slot], _v[slot], c1, c2);
                slot++;
            }
        }
    }

    private void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float c1, float c2)
    {
        float lr = LearningRate, b1 = beta1, b2 = beta2, eps = epsilon, decay = 1f - LearningRate * weightDecay;
        int i = 0, n = w.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float w0 = ref MemoryMarshal.GetReference(w);
            ref float g0 = ref MemoryMarshal.GetReference(g);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            var vb1 = Vector256.Create(b1); var vb1c = Vector256.Create(1f - b1);
            var vb2 = Vector256.Create(b2); var vb2c = Vector256.Create(1f - b2);
            var vc1 = Vector256.Create(c1); var vc2 = Vector256.Create(c2);
            var vlr = Vector256.Create(lr); var veps = Vector256.Create(eps); var vdecay = Vector256.Create(decay);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref g0, (nuint)i);
                var mi = vb1 * Vector256.LoadUnsafe(ref m0, (nuint)i) + vb1c * gi;
                var vi = vb2 * Vector256.LoadUnsafe(ref v0, (nuint)i) + vb2c * gi * gi;
                var step = vlr * (mi * vc1) / (Vector256.Sqrt(vi * vc2) + veps);
                var wi = vdecay * Vector256.LoadUnsafe(ref w0, (nuint)i) - step;
                mi.StoreUnsafe(ref m0, (nuint)i);
                vi.StoreUnsafe(ref v0, (nuint)i);
                wi.StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float gi = g[i];
            m[i] = b1 * m[i] + (1f - b1) * gi;
            v[i] = b2 * v[i] + (1f - b2) * gi * gi;
            w[i] = decay * w[i] - lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps);
        }
    }

    private static float[][] Moments(IReadOnlyList<SpikingLayer> layers)
    {
        var list = new List<float[]>();
        foreach (var layer in layers)
        {
            list.Add(new float[layer.Weights.Length]);
            if (layer.Bias is not null) list.Add(new float[layer.Bias.Length]);
        }
        return list.ToArray();
    }
}
