using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;

namespace Microcircuit.Learning;

/// <summary>
/// Time-local error backpropagation through feedback matrices, in plain matrix form (docs/paper.md §6–7):
/// δ_L[t] = g_L[t] ⊙ e[t], δ_l[t] = g_l[t] ⊙ (δ_{l+1}[t] · F_{l+1}), G_l = (1/B) Σ_t δ_l[t]ᵀ a_{l−1}[t].
/// The wiring decides the family member: F = W gives time-local BP (<c>bp</c>), a fixed random F gives FA,
/// |M| ∘ sign(W) gives frSF, and so on. It is the microcircuit's algebra without the cells.
/// </summary>
public sealed class TimeLocalFeedbackRule : ICreditAssignment, IFeedbackRule
{
    private readonly IReadOnlyList<IFeedbackWiring> _wiring;
    private readonly float[][] _feedback;
    private readonly float[][] _delta;
    private readonly HebbianPlasticity _hebbian = new();

    /// <param name="wiring">One wiring per layer above the first (Count = layers − 1).</param>
    public TimeLocalFeedbackRule(string name, SpikingNetwork network, IReadOnlyList<IFeedbackWiring> wiring)
    {
        if (wiring.Count != network.Layers.Count - 1)
            throw new ArgumentException($"Expected {network.Layers.Count - 1} feedback wirings, got {wiring.Count}.");
        Name = name;
        _wiring = wiring;
        _feedback = network.Layers.Select((l, i) => i == 0 ? [] : network.Compute.Allocate(l.Weights.Length)).ToArray();
        _delta = new float[network.Layers.Count][];
    }

    public string Name { get; }

    public ReadOnlySpan<float> Feedback(int layer) => _feedback[layer];

    public void BeginBatch(SpikingNetwork network)
    {
        int batch = network.Batch;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (_delta[l] is null || _delta[l].Length < batch * layer.Outputs) _delta[l] = network.Compute.Allocate(batch * layer.Outputs);
            if (l > 0) FeedbackRefresh.Run(_wiring[l - 1], layer, _feedback[l], network.Compute);
        }
        _hebbian.BeginBatch(network);
    }

    public void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients)
    {
        _hebbian.AfterStep(network);   // eligibility traces, when the synapses keep them, to this step
        int batch = network.Batch, top = network.Layers.Count - 1;
        var output = network.Output;
        int nOut = batch * output.Outputs;
        network.Compute.Multiply(output.Gate.AsSpan(0, nOut), outputError[..nOut], _delta[top].AsSpan(0, nOut));
        bool inputSumHere = top > 0 && network.InputIsConstant && network.Layers[0].IsPlastic;
        for (int l = top - 1; l >= 0; l--)
        {
            var layer = network.Layers[l];
            int n = batch * layer.Outputs;
            var delta = _delta[l].AsSpan(0, n);
            network.Layers[l + 1].SendBack(_delta[l + 1], _feedback[l + 1], _delta[l], batch, network.Compute);
            if (l == 0 && inputSumHere)
                network.Compute.LocalErrorWithSum(layer.Gate.AsSpan(0, n), delta, delta, _hebbian.InputPostSum, _hebbian.InputGain(network));   // δ and Σ_t c[t]·δ₁ in one pass
            else
                network.Compute.LocalError(layer.Gate.AsSpan(0, n), delta, delta);
        }
        _hebbian.Accumulate(network, _delta, gradients, inputSumAccumulated: inputSumHere);
    }

    public void EndBatch(SpikingNetwork network, Gradients gradients)
    {
        _hebbian.Finish(network, gradients);
    }
}
