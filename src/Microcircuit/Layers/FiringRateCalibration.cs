using Microcircuit.Randomness;

namespace Microcircuit.Layers;

/// <summary>
/// Data-driven initialisation: scales each plastic hidden layer's initial weights, bottom to top, so that on a
/// calibration batch its cells fire at a target mean rate (spikes per cell per step). The output layer keeps its
/// initial scale: its rate is what the loss teaches (mostly silent, the label cell busy). Kaiming's scale assumes inputs of unit
/// variance; deeper spiking layers see traces (rates), so their activity fades layer by layer in deep networks, and a
/// silent layer passes no error back. Pools have no weights and keep whatever rate their inputs give them. The search
/// is a bisection on log₂ of each layer's scale, so every layer ends within a few percent of the target where the
/// target is reachable at all.
/// </summary>
public static class FiringRateCalibration
{
    private const int Iterations = 12;
    private const float LowestLog2 = -4f, HighestLog2 = 6f;

    /// <summary>Calibrates <paramref name="network"/> in place and returns each layer's scale (1 for pools and the output layer).</summary>
    /// <param name="pixels">The calibration batch, [batch × inputs], normalised as training sees it.</param>
    /// <param name="random">Draws of stochastic encoders during calibration.</param>
    public static float[] Calibrate(SpikingNetwork network, ReadOnlySpan<float> pixels, int batch, int steps, float targetRate, SeededRandom random)
    {
        if (!(targetRate > 0f && targetRate < 1f)) throw new ArgumentOutOfRangeException(nameof(targetRate), "The target rate lies between 0 and 1.");
        var scales = new float[network.Layers.Count];
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            scales[l] = 1f;
            if (l == network.Layers.Count - 1) break;
            if (!layer.IsPlastic) continue;
            layer.WeightsToHost();
            var original = (float[])layer.Weights.Clone();
            float low = LowestLog2, high = HighestLog2;
            for (int i = 0; i < Iterations; i++)
            {
                float middle = 0.5f * (low + high);
                if (Rate(network, original, MathF.Pow(2f, middle), l, pixels, batch, steps, random) < targetRate) low = middle;
                else high = middle;
            }
            scales[l] = MathF.Pow(2f, 0.5f * (low + high));
            network.Compute.Multiply(original, scales[l], layer.Weights);
        }
        return scales;
    }

    /// <summary>Mean firing rate of layer <paramref name="layer"/> over the batch and the steps with its weights scaled.</summary>
    private static double Rate(SpikingNetwork network, float[] original, float scale, int layer, ReadOnlySpan<float> pixels, int batch, int steps, SeededRandom random)
    {
        var target = network.Layers[layer];
        network.Compute.Multiply(original, scale, target.Weights);
        network.BeginBatch(pixels, batch);
        var count = new SpikeTally(target);
        network.Run(steps, random, computeGates: false, ref count, layers: layer + 1);
        return count.Spikes / ((double)batch * target.Outputs * steps);
    }

    /// <summary>The spikes one layer fires over a run.</summary>
    private struct SpikeTally(SpikingLayer layer) : IStepObserver
    {
        public double Spikes { get; private set; }

        public void AfterStep(SpikingNetwork network, int step) => Spikes += network.Compute.Sum(layer.ActiveSpan(layer.Spikes));
    }
}
