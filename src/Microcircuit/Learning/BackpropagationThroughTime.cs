using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Tensors;

namespace Microcircuit.Learning;

/// <summary>
/// Surrogate-gradient backpropagation through time: the exact gradient of E through the membrane and the trace
/// over all steps, with ∂s/∂u replaced by the gate g. With u[t] = β u[t−1](1 − s[t−1]) + I[t],
/// a[t] = λ a[t−1] + s[t]/τs (β = 1 − 1/τm, λ = 1 − 1/τs), going back from t = T:
///   ∂E/∂a_l[t] = λ ∂E/∂a_l[t+1] + (l = L ? e[t] : ∂E/∂u_{l+1}[t] · W_{l+1})
///   ∂E/∂s_l[t] = ∂E/∂a_l[t]/τs − β u_l[t] ∂E/∂u_l[t+1]          (the reset path; dropped with DetachReset)
///   ∂E/∂u_l[t] = g_l[t] ∂E/∂s_l[t] + β (1 − s_l[t]) ∂E/∂u_l[t+1]
///   G_l = (1/B) Σ_t ∂E/∂u_l[t]ᵀ a_{l−1}[t].
/// The forward pass is recorded in a <see cref="SpikeHistory"/>; the backward pass runs at the end of the batch.
/// </summary>
public sealed class BackpropagationThroughTime : ICreditAssignment
{
    private readonly SpikeHistory _history;
    private readonly Workspace _workspace = new();
    private readonly IReadOnlyList<SpikingLayer> _layers;   // their weights are updated in place by the optimiser

    public BackpropagationThroughTime(SpikingNetwork network, bool detachReset = false)
    {
        _history = new SpikeHistory(network.Shape.LayerSizes);
        _layers = network.Layers;
        DetachReset = detachReset;
    }

    public string Name => "bptt";

    /// <summary>Treat the reset factor (1 − s[t−1]) as a constant in the backward pass (snnTorch's convention).</summary>
    public bool DetachReset { get; }

    public void BeginBatch(SpikingNetwork network) =>
        _history.Begin(network.Batch, network.InputIsConstant, network.Pixels);

    public void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients) =>
        _history.Capture(network, outputError);

    public void EndBatch(SpikingNetwork network, Gradients gradients)
    {
        Backward(_history, _layers, network.Lif, DetachReset, gradients, network.Threads, _workspace);
    }

    /// <summary>Buffers of the backward pass, reused across batches.</summary>
    public sealed class Workspace
    {
        internal float[][] DaNext = [], DuNext = [], Da = [], Du = [];
        internal float[] InputSum = [];

        internal void Ensure(SpikeHistory h)
        {
            int layers = h.Layers;
            if (DaNext.Length != layers || DaNext[0].Length < h.Batch * h.LayerSizes[1])
            {
                DaNext = Sized(h); DuNext = Sized(h); Da = Sized(h); Du = Sized(h);
            }
            for (int l = 0; l < layers; l++)
            {
                DaNext[l].AsSpan().Clear();
                DuNext[l].AsSpan().Clear();
            }
            int n1 = h.Batch * h.LayerSizes[1];
            if (InputSum.Length < n1) InputSum = new float[n1];
            InputSum.AsSpan(0, n1).Clear();
        }

        private static float[][] Sized(SpikeHistory h) =>
            Enumerable.Range(1, h.Layers).Select(l => new float[h.Batch * h.LayerSizes[l]]).ToArray();
    }

    /// <summary>
    /// ∂E/∂u[t] = g·(∂E/∂a/τs − β·u·∂E/∂u[t+1]) + β·(1 − s)·∂E/∂u[t+1], element-wise (the reset term only when it is
    /// not detached). The vector and scalar forms perform the same operations in the same order.
    /// </summary>
    private static void MembraneAdjoint(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g,
        ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain, bool detachReset)
    {
        int n = du.Length, i = 0;
        float reset = detachReset ? 0f : beta;
        if (Vector256.IsHardwareAccelerated)
        {
            var vBeta = Vector256.Create(beta);
            var vGain = Vector256.Create(gain);
            var vReset = Vector256.Create(reset);
            var one = Vector256<float>.One;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var next = Vector256.Create(duNext.Slice(i, Vector256<float>.Count));
                var ds = Vector256.Create(da.Slice(i, Vector256<float>.Count)) * vGain - vReset * Vector256.Create(u.Slice(i, Vector256<float>.Count)) * next;
                var result = Vector256.Create(g.Slice(i, Vector256<float>.Count)) * ds + vBeta * (one - Vector256.Create(s.Slice(i, Vector256<float>.Count))) * next;
                result.CopyTo(du.Slice(i, Vector256<float>.Count));
            }
        }
        for (; i < n; i++)
        {
            float ds = da[i] * gain - reset * u[i] * duNext[i];
            du[i] = g[i] * ds + beta * (1f - s[i]) * duNext[i];
        }
    }

    /// <summary>Accumulates G for the recorded batch into <paramref name="gradients"/> (which the caller cleared).</summary>
    public static void Backward(SpikeHistory h, IReadOnlyList<SpikingLayer> layers, LifParameters lif, bool detachReset,
        Gradients gradients, int threads, Workspace workspace)
    {
        workspace.Ensure(h);
        int batch = h.Batch, top = h.Layers - 1;
        float beta = lif.MembraneDecay, lambda = lif.TraceDecay, gain = lif.TraceGain;
        for (int t = h.Steps; t >= 1; t--)
        {
            for (int l = top; l >= 0; l--)
            {
                int cells = h.LayerSizes[l + 1], n = batch * cells;
                var da = workspace.Da[l].AsSpan(0, n);
                var du = workspace.Du[l].AsSpan(0, n);
                var daNext = workspace.DaNext[l].AsSpan(0, n);
                var duNext = workspace.DuNext[l].AsSpan(0, n);
                if (l == top)
                    h.Error(t).AsSpan(0, n).CopyTo(da);
                else
                    layers[l + 1].SendBack(workspace.Du[l + 1], layers[l + 1].Weights, da, batch, threads);
                TensorPrimitives.MultiplyAdd(daNext, lambda, da, da);

                MembraneAdjoint(da, h.Membrane(l, t), h.Spikes(l, t), h.Gate(l, t), duNext, du, beta, gain, detachReset);
                if (!layers[l].IsPlastic) continue;
                if (gradients.Bias[l] is { } bias) layers[l].AccumulateBias(du, bias, batch);
                if (l == 0 && h.InputIsConstant)
                    TensorPrimitives.MultiplyAdd(du, h.InputGain(t), workspace.InputSum.AsSpan(0, n), workspace.InputSum.AsSpan(0, n));
                else
                {
                    var pre = l == 0 ? h.InputTrace(t) : h.Trace(l - 1, t);
                    layers[l].AccumulateWeights(du, pre, gradients.Weights[l], batch, threads);
                }
            }
            (workspace.Da, workspace.DaNext) = (workspace.DaNext, workspace.Da);
            (workspace.Du, workspace.DuNext) = (workspace.DuNext, workspace.Du);
        }
        if (h.InputIsConstant && layers[0].IsPlastic)
            layers[0].AccumulateWeights(workspace.InputSum.AsSpan(0, batch * h.LayerSizes[1]), h.Pixels, gradients.Weights[0], batch, threads);
        gradients.Scale(1f / batch);
    }
}
