using Microcircuit.Compute;
using Microcircuit.Layers;
using Microcircuit.Neurons;

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
        if (network.Neuron is not LifModel)
            throw new Errors.MicrocircuitException(Errors.ErrorKind.InvalidOption,
                $"BPTT differentiates the LIF cell, and this network's cells are {network.Neuron.GetType().Name}; train them with a rule that reads their gate only ({string.Join(", ", CreditAssignmentRules.BuiltIn.Where(r => r != "bptt"))}), and measure alignment without BPTT.");
        _history = SpikeHistory.For(network);
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
        Backward(_history, _layers, network.Lif, DetachReset, gradients, network.Compute, _workspace);
    }

    /// <summary>Buffers of the backward pass, reused across batches.</summary>
    public sealed class Workspace
    {
        internal float[][] DaNext = [], DuNext = [], Da = [], Du = [];
        internal float[] InputSum = [];

        internal void Ensure(SpikeHistory h, IComputeBackend compute)
        {
            int layers = h.Layers;
            if (DaNext.Length != layers || DaNext[0].Length < h.Batch * h.LayerSizes[1])
            {
                DaNext = Sized(h, compute); DuNext = Sized(h, compute); Da = Sized(h, compute); Du = Sized(h, compute);
            }
            for (int l = 0; l < layers; l++)
            {
                compute.Clear(DaNext[l]);
                compute.Clear(DuNext[l]);
            }
            int n1 = h.Batch * h.LayerSizes[1];
            if (InputSum.Length < n1) InputSum = compute.Allocate(n1);
            compute.Clear(InputSum.AsSpan(0, n1));
        }

        private static float[][] Sized(SpikeHistory h, IComputeBackend compute) =>
            Enumerable.Range(1, h.Layers).Select(l => compute.Allocate(h.Batch * h.LayerSizes[l])).ToArray();
    }

    /// <summary>Accumulates G for the recorded batch into <paramref name="gradients"/> (which the caller cleared).</summary>
    public static void Backward(SpikeHistory h, IReadOnlyList<SpikingLayer> layers, LifParameters lif, bool detachReset,
        Gradients gradients, IComputeBackend compute, Workspace workspace)
    {
        workspace.Ensure(h, compute);
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
                    compute.Copy(h.Error(t).AsSpan(0, n), da);
                else
                    layers[l + 1].SendBack(workspace.Du[l + 1], layers[l + 1].Weights, da, batch, compute);
                compute.MultiplyAdd(daNext, lambda, da, da);

                if (h.DerivesSpikes)
                    compute.MembraneAdjointDerived(da, h.Membrane(l, t), duNext, du, beta, gain, detachReset, h.Surrogate.Function(h.Threshold(l)));
                else
                    compute.MembraneAdjoint(da, h.Membrane(l, t), h.Spikes(l, t), h.Gate(l, t), duNext, du, beta, gain, detachReset);
                if (!layers[l].IsPlastic) continue;
                if (gradients.Bias[l] is { } bias) layers[l].AccumulateBias(du, bias, batch, compute);
                if (l == 0 && h.InputIsConstant)
                    compute.MultiplyAdd(du, h.InputGain(t), workspace.InputSum.AsSpan(0, n), workspace.InputSum.AsSpan(0, n));
                else
                {
                    var pre = l == 0 ? h.InputTrace(t) : h.Trace(l - 1, t);
                    layers[l].AccumulateWeights(du, pre, gradients.Weights[l], batch, compute);
                }
            }
            (workspace.Da, workspace.DaNext) = (workspace.DaNext, workspace.Da);
            (workspace.Du, workspace.DuNext) = (workspace.DuNext, workspace.Du);
        }
        if (h.InputIsConstant && layers[0].IsPlastic)
            layers[0].AccumulateWeights(workspace.InputSum.AsSpan(0, batch * h.LayerSizes[1]), h.Pixels, gradients.Weights[0], batch, compute);
        gradients.Scale(compute, 1f / batch);
    }
}
