using Microcircuit.Layers;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>
/// The STDP sampling form of the Hebbian product (docs/paper.md §5, the predecessor's local STDP). Instead of reading its
/// presynaptic trace a_j[t] as a graded value, each presynaptic cell emits, at every step, an event with probability
/// |a_j[t]| / a_max that is worth a_max with the trace's sign; every synapse j → i pairs those events with its
/// postsynaptic error cells' activity at the same step. The product's mean over the draws is the trace form's
/// Σ_t (E⁺ − E⁻)_i a_j exactly, since E[event] = a_j. a_max is what a trace can reach: 1 for a spiking layer
/// (a = (1 − 1/τs) a + s/τs never exceeds 1) and the largest normalised pixel for a directly encoded input.
/// One draw per presynaptic cell and step, shared by its synapses.
/// </summary>
public sealed class SpikeTimingSampler(SeededRandom random, float inputBound)
{
    private float[][] _events = [];

    /// <summary>a_max of the input layer's trace (the largest |x| the encoder can present).</summary>
    public float InputBound { get; } = inputBound > 0f && float.IsFinite(inputBound) ? inputBound : throw new ArgumentOutOfRangeException(nameof(inputBound));

    /// <summary>Adds every plastic layer's sampled product for this step: post[l]ᵀ · events(a_{l−1}).</summary>
    public void Accumulate(SpikingNetwork network, float[][] post, Gradients gradients)
    {
        int batch = network.Batch;
        if (_events.Length != network.Layers.Count) _events = new float[network.Layers.Count][];
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (!layer.IsPlastic) continue;
            var signal = post[l].AsSpan(0, batch * layer.Outputs);
            var trace = network.PresynapticTraceOnHost(l);   // the draws are the host's, in the seeded generator's order
            float bound = l == 0 && network.InputIsConstant ? InputBound : 1f;
            var events = Sample(trace, ref _events[l], bound);
            layer.AccumulateWeights(signal, events, gradients.Weights[l], batch, network.Compute);
            if (gradients.Bias[l] is { } bias) layer.AccumulateBias(signal, bias, batch, network.Compute);
        }
    }

    private ReadOnlySpan<float> Sample(ReadOnlySpan<float> trace, ref float[] buffer, float bound)
    {
        if (buffer is null || buffer.Length < trace.Length) buffer = new float[trace.Length];
        float inverse = 1f / bound;
        for (int j = 0; j < trace.Length; j++)
        {
            float a = trace[j];
            buffer[j] = random.NextFloat() < MathF.Abs(a) * inverse ? MathF.CopySign(bound, a) : 0f;
        }
        return buffer.AsSpan(0, trace.Length);
    }
}
