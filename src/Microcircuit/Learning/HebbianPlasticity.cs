using System.Numerics.Tensors;
using Microcircuit.Layers;

namespace Microcircuit.Learning;

/// <summary>
/// The local Hebbian rule of docs/paper.md §5: every plastic synapse j → i accumulates the product of a postsynaptic
/// error signal (in the microcircuit, its error interneurons' activity E⁺ − E⁻) and its presynaptic trace a_j,
/// over time steps and the batch: G_l += postᵀ · a_{l−1} (bias: Σ_b post). Every rule of the family ends with
/// this product; they differ only in the postsynaptic signal. With constant input (direct encoding) the first
/// layer's products over time collapse to (Σ_t c[t] post₁[t])ᵀ · x, one product per batch.
/// </summary>
public static class HebbianPlasticity
{
    /// <param name="post">Per layer, the step's postsynaptic signal [batch × outputs].</param>
    /// <param name="inputPostSum">Σ_t c[t]·post₁[t], accumulated here when the input is constant.</param>
    /// <param name="inputSumAccumulated">The caller already added this step's c[t]·post₁[t] to <paramref name="inputPostSum"/>.</param>
    public static void Accumulate(SpikingNetwork network, float[][] post, float[] inputPostSum, Gradients gradients, bool inputSumAccumulated = false)
    {
        int batch = network.Batch;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (!layer.IsPlastic) continue;
            var signal = post[l].AsSpan(0, batch * layer.Outputs);
            if (l == 0 && network.InputIsConstant)
            {
                if (!inputSumAccumulated)
                    TensorPrimitives.MultiplyAdd(signal, network.HebbianInputGain, inputPostSum.AsSpan(0, signal.Length), inputPostSum.AsSpan(0, signal.Length));
            }
            else
                layer.AccumulateWeights(signal, network.HebbianPresynaptic(l), gradients.Weights[l], batch, network.Threads);
            if (gradients.Bias[l] is { } bias) layer.AccumulateBias(signal, bias, batch);
        }
    }

    /// <summary>Adds the collapsed first-layer product (constant input only) and averages over the batch.</summary>
    public static void Finish(SpikingNetwork network, float[] inputPostSum, Gradients gradients)
    {
        var first = network.Layers[0];
        if (network.InputIsConstant && first.IsPlastic)
            first.AccumulateWeights(inputPostSum.AsSpan(0, network.Batch * first.Outputs), network.Pixels, gradients.Weights[0], network.Batch, network.Threads);
        gradients.Scale(1f / network.Batch);
    }

    /// <summary>Sizes and clears the first layer's collapsed sum for a batch.</summary>
    public static float[] ResetInputSum(float[] sum, SpikingNetwork network)
    {
        int n = network.Batch * network.Layers[0].Outputs;
        if (sum.Length < n) sum = new float[n];
        sum.AsSpan(0, n).Clear();
        return sum;
    }
}
