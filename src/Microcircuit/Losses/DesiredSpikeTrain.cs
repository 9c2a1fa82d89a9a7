namespace Microcircuit.Losses;

/// <summary>
/// The desired output spike trains of docs/paper.md §5: the label neuron fires [0,1,1,1,1] for T = 5 (for T &lt; 10:
/// silent on the first step, then every step; for T ≥ 10 the alternating pattern 0,1,0,1,…); every other output
/// neuron stays silent.
/// </summary>
public static class DesiredSpikeTrain
{
    /// <summary>The label neuron's desired spikes, index 0 = step 1.</summary>
    public static float[] ForLabel(int steps)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps));
        var train = new float[steps];
        for (int t = 1; t <= steps; t++)
            train[t - 1] = steps < 10 ? (t == 1 ? 0f : 1f) : (t % 2 == 0 ? 1f : 0f);
        return train;
    }
}
