using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>
/// Direct feedback alignment (DFA): every hidden layer receives the output error directly through its own fixed
/// random matrix D_l [outputs × cells], δ_l = g_l ⊙ (δ_L · D_l), with δ_L = g_L ⊙ e. Xavier-uniform scale.
/// </summary>
public sealed class DirectFeedbackAlignmentRule : ICreditAssignment
{
    private readonly float[][] _direct;   // index l < top: D_l [outputs × layer l cells]
    private readonly float[][] _delta;
    private readonly HebbianPlasticity _hebbian = new();

    public DirectFeedbackAlignmentRule(SpikingNetwork network, SeededRandom random)
    {
        int top = network.Layers.Count - 1, outputs = network.Output.Outputs;
        _direct = new float[top][];
        for (int l = 0; l < top; l++)
        {
            int cells = network.Layers[l].Outputs;
            if (!network.Layers[l].IsPlastic)
            {
                _direct[l] = [];   // a pool learns nothing, so it needs no error
                continue;
            }
            float bound = MathF.Sqrt(6f / (outputs + cells));
            _direct[l] = new float[outputs * cells];
            for (int i = 0; i < _direct[l].Length; i++) _direct[l][i] = bound * (2f * random.NextFloat() - 1f);
            _direct[l] = network.Compute.Adopt(_direct[l]);
        }
        _delta = new float[network.Layers.Count][];
    }

    public string Name => "dfa";

    /// <summary>D_l, the fixed matrix from the output error to layer <paramref name="layer"/> [outputs × cells].</summary>
    public ReadOnlySpan<float> DirectFeedback(int layer) => _direct[layer];

    public void BeginBatch(SpikingNetwork network)
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            int n = network.Batch * network.Layers[l].Outputs;
            if (_delta[l] is null || _delta[l].Length < n) _delta[l] = network.Compute.Allocate(n);
        }
        _hebbian.BeginBatch(network);
    }

    public void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients)
    {
        int batch = network.Batch, top = network.Layers.Count - 1, outputs = network.Output.Outputs;
        int nOut = batch * outputs;
        network.Compute.Multiply(network.Output.Gate.AsSpan(0, nOut), outputError[..nOut], _delta[top].AsSpan(0, nOut));
        for (int l = 0; l < top; l++)
        {
            var layer = network.Layers[l];
            if (!layer.IsPlastic) continue;
            int n = batch * layer.Outputs;
            network.Compute.GemmNN(_delta[top], _direct[l], _delta[l], batch, layer.Outputs, outputs, accumulate: false);
            network.Compute.Multiply(layer.Gate.AsSpan(0, n), _delta[l].AsSpan(0, n), _delta[l].AsSpan(0, n));
        }
        _hebbian.Accumulate(network, _delta, gradients);
    }

    public void EndBatch(SpikingNetwork network, Gradients gradients) =>
        _hebbian.Finish(network, gradients);
}
