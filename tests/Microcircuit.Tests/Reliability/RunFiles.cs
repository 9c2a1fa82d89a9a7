using Microcircuit.Checkpoints;
using Microcircuit.Training;

namespace Microcircuit.Tests.Reliability;

/// <summary>What the reliability tests compare between runs: the exact bytes of the weights, and the per-epoch figures.</summary>
internal static class RunFiles
{
    public static byte[] WeightBytes(Checkpoint checkpoint) =>
        checkpoint.Layers.SelectMany(l => l.Weights.Concat(l.Bias ?? []).SelectMany(BitConverter.GetBytes)).ToArray();

    /// <summary>The weights' and biases' bytes (brought to the host first from a back end that keeps them on its device).</summary>
    public static byte[] WeightBytes(Experiment experiment)
    {
        experiment.Network.WeightsToHost();
        return experiment.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias ?? []).SelectMany(BitConverter.GetBytes)).ToArray();
    }

    /// <summary>Everything of an epoch's metrics but its timing.</summary>
    public static string Figures(EpochMetrics m) =>
        FormattableString.Invariant($"{m.Epoch} {m.TrainLoss:R} {m.TrainAccuracy:R} {m.TestLoss:R} {m.TestAccuracy:R} {string.Join(",", m.TestFiringRates.Select(r => r.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}");
}
