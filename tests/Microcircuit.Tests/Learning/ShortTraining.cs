using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// A few batches of seeded random data (pixels ~ 1.5·N(0, 1), random labels) trained through a rule with Adam, for tests
/// that compare the weights two ways of computing the same training end with.
/// </summary>
internal static class ShortTraining
{
    /// <returns>Every layer's weights followed by its biases.</returns>
    public static float[][] Run(SpikingNetwork network, ICreditAssignment credit, int batch, int steps, int batches)
    {
        var shape = network.Shape;
        var adam = new Adam(network.Layers, 1e-3f);
        var loss = new SpikeTrainLoss(network.Lif, steps, shape.Outputs);
        var gradients = new Gradients(network.Layers);
        var data = new SeededRandom(7);
        var error = new float[batch * shape.Outputs];
        var encoding = new SeededRandom(8);
        for (int b = 0; b < batches; b++)
        {
            var pixels = Enumerable.Range(0, batch * shape.Inputs).Select(_ => 1.5f * data.NextGaussian()).ToArray();
            var labels = Enumerable.Range(0, batch).Select(_ => (byte)data.NextInt(shape.Outputs)).ToArray();
            gradients.Clear();
            network.BeginBatch(pixels, batch);
            credit.BeginBatch(network);
            for (int t = 1; t <= steps; t++)
            {
                network.Advance(encoding, computeGates: true);
                loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), labels, error);
                credit.AfterStep(network, error, gradients);
            }
            credit.EndBatch(network, gradients);
            adam.Step(CpuBackend.Serial, network.Layers, gradients);
        }
        return network.Layers.Select(l => l.Weights.Concat(l.Bias ?? []).ToArray()).ToArray();
    }
}
