using Microcircuit.Neurons;

namespace Microcircuit.Losses;

/// <summary>
/// The spiking kernel error function E = ½ Σ_t Σ_o (a_L,o[t] − ā_L,o[t])², where ā is the synaptic filter of
/// the desired spike train (docs/paper.md §5).
/// </summary>
public sealed class SpikeTrainLoss : ISpikingLoss
{
    private readonly float[] _labelTarget;

    public SpikeTrainLoss(LifParameters lif, int steps, int classes)
    {
        Classes = classes;
        var desired = DesiredSpikeTrain.ForLabel(steps);
        _labelTarget = new float[steps];
        float trace = 0f;
        for (int t = 0; t < steps; t++)
        {
            trace = lif.TraceDecay * trace + lif.TraceGain * desired[t];
            _labelTarget[t] = trace;
        }
    }

    public int Classes { get; }

    /// <summary>ā of the label neuron at each step (index 0 = step 1).</summary>
    public ReadOnlySpan<float> LabelTarget => _labelTarget;

    public double Step(int step, ReadOnlySpan<float> outputTrace, ReadOnlySpan<float> outputSpikes, ReadOnlySpan<byte> labels, Span<float> error)
    {
        float target = _labelTarget[step - 1];
        double loss = 0;
        for (int b = 0; b < labels.Length; b++)
        {
            var a = outputTrace.Slice(b * Classes, Classes);
            var e = error.Slice(b * Classes, Classes);
            int label = labels[b];
            for (int o = 0; o < Classes; o++)
            {
                float d = a[o] - (o == label ? target : 0f);
                e[o] = d;
                loss += 0.5 * d * d;
            }
        }
        return loss;
    }
}
