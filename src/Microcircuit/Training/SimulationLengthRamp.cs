namespace Microcircuit.Training;

/// <summary>
/// Progressive simulation length: T moves linearly, epoch by epoch, from a first value in epoch 1 to the run's T in the
/// last epoch, rounded to whole steps. Early epochs then cost less (the work per sample is linear in T) and the last
/// ones train the network at the T it is evaluated with.
/// </summary>
public static class SimulationLengthRamp
{
    /// <summary>T in <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>; <paramref name="final"/> after the last.</summary>
    public static int At(int first, int final, int epoch, int epochs)
    {
        if (first <= 0 || final <= 0) throw new ArgumentOutOfRangeException(nameof(first), "T must be at least 1.");
        if (epochs <= 1 || epoch >= epochs) return final;
        if (epoch <= 1) return first;
        double fraction = (epoch - 1) / (double)(epochs - 1);
        return (int)Math.Round(first + (final - first) * fraction, MidpointRounding.AwayFromZero);
    }
}
