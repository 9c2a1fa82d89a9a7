namespace Microcircuit.Losses;

/// <summary>
/// docs/paper.md §5's spike-count option: the label neuron should fire at least <see cref="DesiredCount"/> spikes in T
/// steps and every other output neuron at most <see cref="UndesiredCount"/>; firing more than desired (label) or less
/// than undesired (others) costs nothing ("no penalty on the right side").
/// <para>
/// The rules learn online, so the loss is read at every step against the count expected by then, a linear ramp
/// that reaches the desired count at T: with N_o[t] the output spikes up to step t, the error is
/// e_o[t] = min(0, N_o[t] − d·t/T) for the label and max(0, N_o[t] − u·t/T) for the others, and
/// E = ½ Σ_t Σ_o e_o[t]². At t = T this is the count loss proper; earlier steps carry the same teacher signal
/// scaled to the part of the sample seen so far. Errors are in spikes (the spike-train loss's are in trace units),
/// which Adam and Batch Manhattan do not see; with SGD the learning rate absorbs the difference.
/// </para>
/// </summary>
public sealed class SpikeCountLoss(int steps, int classes, float desiredCount, float undesiredCount) : ISpikingLoss
{
    private readonly int _steps = steps > 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps));
    private float[] _counts = [];

    public int Classes { get; } = classes;

    /// <summary>d: the spikes the label neuron should fire in T steps (at least).</summary>
    public float DesiredCount { get; } =
        desiredCount > 0f && desiredCount <= steps ? desiredCount : throw new ArgumentOutOfRangeException(nameof(desiredCount));

    /// <summary>u: the spikes every other output neuron may fire in T steps (at most).</summary>
    public float UndesiredCount { get; } =
        undesiredCount >= 0f && undesiredCount < desiredCount ? undesiredCount : throw new ArgumentOutOfRangeException(nameof(undesiredCount));

    /// <summary>The desired count of docs/paper.md's desired spike train for T steps (4 for T = 5).</summary>
    public static float DefaultDesiredCount(int steps) => DesiredSpikeTrain.ForLabel(steps).Sum();

    public double Step(int step, ReadOnlySpan<float> outputTrace, ReadOnlySpan<float> outputSpikes, ReadOnlySpan<byte> labels, Span<float> error)
    {
        int n = labels.Length * Classes;
        if (_counts.Length < n) _counts = new float[Math.Max(n, 2 * _counts.Length)];
        var counts = _counts.AsSpan(0, n);
        if (step == 1) counts.Clear();
        float fraction = (float)step / _steps;
        float desired = DesiredCount * fraction, undesired = UndesiredCount * fraction;
        double loss = 0;
        for (int b = 0; b < labels.Length; b++)
        {
            int label = labels[b], row = b * Classes;
            for (int o = 0; o < Classes; o++)
            {
                int i = row + o;
                float count = counts[i] += outputSpikes[i];
                float e = o == label ? Math.Min(0f, count - desired) : Math.Max(0f, count - undesired);
                error[i] = e;
                loss += 0.5 * e * e;
            }
        }
        return loss;
    }
}
