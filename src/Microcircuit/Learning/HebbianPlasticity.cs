using Microcircuit.Layers;
using Microcircuit.Neurons;

namespace Microcircuit.Learning;

/// <summary>
/// The local Hebbian rule of docs/paper.md §5: every plastic synapse j → i accumulates the product of a postsynaptic
/// error signal (in the microcircuit, its error interneurons' activity E⁺ − E⁻) and its presynaptic trace a_j,
/// over time steps and the batch: G_l += postᵀ · a_{l−1} (bias: Σ_b post). Every rule of the family ends with
/// this product; they differ only in the postsynaptic signal. With constant input (direct encoding) the first
/// layer's products over time collapse to (Σ_t c[t] post₁[t])ᵀ · x, one product per batch.
/// <para>
/// Each rule owns one: it holds the learning side's state of a batch — that collapsed first-layer sum, and, when the
/// network's synapses keep an eligibility trace (<see cref="SpikingNetwork.EligibilityDecay"/>), the traces ε the
/// product reads instead of a (<see cref="SynapticEligibility"/>). The network keeps only the forward pass.
/// </para>
/// </summary>
public sealed class HebbianPlasticity
{
    private float[][] _eligibility = [];   // index l: ε of the cells presynaptic to layer l (the input for l = 0)
    private bool _inputEligibilityCurrent;
    private float _inputEligibilityGain;   // e[t] = decay·e[t−1] + c[t]: the input's eligibility per unit pixel under constant input
    private bool _eligible;                // this batch reads eligibility traces
    private int _step;                     // the network step the traces are at

    /// <summary>Σ_t gain[t]·post₁[t], the first layer's collapsed sum under constant input [batch × first-layer cells].</summary>
    public float[] InputPostSum { get; private set; } = [];

    /// <summary>Prepares a batch: clears the collapsed sum and, with eligibility, the traces.</summary>
    public void BeginBatch(SpikingNetwork network)
    {
        int n = network.Batch * network.Layers[0].Outputs;
        if (InputPostSum.Length < n) InputPostSum = network.Compute.Allocate(n);
        network.Compute.Clear(InputPostSum.AsSpan(0, n));
        _eligible = network.HasEligibility;
        _inputEligibilityGain = 0f;
        _inputEligibilityCurrent = true;
        _step = network.Step;
        if (!_eligible) return;
        if (_eligibility.Length != network.Layers.Count) _eligibility = new float[network.Layers.Count][];
        for (int l = 0; l < network.Layers.Count; l++)
        {
            int size = network.Batch * (l == 0 ? network.InputSize : network.Layers[l - 1].Outputs);
            if (_eligibility[l] is null || _eligibility[l].Length < size) _eligibility[l] = network.Compute.Allocate(size);
            network.Compute.Clear(_eligibility[l].AsSpan(0, size));
        }
    }

    /// <summary>Brings the eligibility traces to the network's step: ε[t] = decay·ε[t−1] + a[t]. Once per step; free without eligibility.</summary>
    public void AfterStep(SpikingNetwork network)
    {
        if (!_eligible || network.Step == _step) return;
        _step = network.Step;
        float decay = network.EligibilityDecay;
        int batch = network.Batch;
        if (network.InputIsConstant)
        {
            _inputEligibilityGain = decay * _inputEligibilityGain + network.InputGain;
            _inputEligibilityCurrent = false;
        }
        else
            network.Compute.Eligibility(decay, network.PresynapticTrace(0), _eligibility[0].AsSpan(0, batch * network.InputSize));
        for (int l = 1; l < network.Layers.Count; l++)
        {
            var below = network.Layers[l - 1];
            network.Compute.Eligibility(decay, below.ActiveSpan(below.Trace), _eligibility[l].AsSpan(0, batch * below.Outputs));
        }
    }

    /// <summary>The per-pixel gain of the first layer's collapsed sum under constant input: c[t], or e[t] with eligibility.</summary>
    public float InputGain(SpikingNetwork network) => _eligible ? _inputEligibilityGain : network.InputGain;

    /// <summary>
    /// What the product of layer <paramref name="layerIndex"/> reads on the presynaptic side: the eligibility trace when
    /// the synapses keep one, else the network's presynaptic trace.
    /// </summary>
    public ReadOnlySpan<float> Presynaptic(SpikingNetwork network, int layerIndex)
    {
        if (!_eligible) return network.PresynapticTrace(layerIndex);
        int n = network.Batch * (layerIndex == 0 ? network.InputSize : network.Layers[layerIndex - 1].Outputs);
        if (layerIndex == 0 && network.InputIsConstant && !_inputEligibilityCurrent)
        {
            network.Compute.Multiply(network.Pixels, _inputEligibilityGain, _eligibility[0].AsSpan(0, n));
            _inputEligibilityCurrent = true;
        }
        return _eligibility[layerIndex].AsSpan(0, n);
    }

    /// <param name="post">Per layer, the step's postsynaptic signal [batch × outputs].</param>
    /// <param name="inputSumAccumulated">The caller already added this step's gain·post₁ to <see cref="InputPostSum"/>.</param>
    public void Accumulate(SpikingNetwork network, float[][] post, Gradients gradients, bool inputSumAccumulated = false)
    {
        AfterStep(network);
        int batch = network.Batch;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (!layer.IsPlastic) continue;
            var signal = post[l].AsSpan(0, batch * layer.Outputs);
            if (l == 0 && network.InputIsConstant)
            {
                if (!inputSumAccumulated)
                    network.Compute.MultiplyAdd(signal, InputGain(network), InputPostSum.AsSpan(0, signal.Length), InputPostSum.AsSpan(0, signal.Length));
            }
            else
                layer.AccumulateWeights(signal, Presynaptic(network, l), gradients.Weights[l], batch, network.Compute);
            if (gradients.Bias[l] is { } bias) layer.AccumulateBias(signal, bias, batch, network.Compute);
        }
    }

    /// <summary>Adds the collapsed first-layer product (constant input only) and averages over the batch.</summary>
    public void Finish(SpikingNetwork network, Gradients gradients)
    {
        var first = network.Layers[0];
        if (network.InputIsConstant && first.IsPlastic)
            first.AccumulateWeights(InputPostSum.AsSpan(0, network.Batch * first.Outputs), network.Pixels, gradients.Weights[0], network.Batch, network.Compute);
        gradients.Scale(network.Compute, 1f / network.Batch);
    }
}
