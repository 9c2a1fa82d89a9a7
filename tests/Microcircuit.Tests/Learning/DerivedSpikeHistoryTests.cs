using Microcircuit.Compute.Cpu;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// BPTT's history keeps u and a and derives s = [u &gt; θ] and g(u) again in the backward pass. Pins that this gives
/// the gradients of a history that recorded s and g, bit for bit, for every gate shape and for pools whose threshold
/// is not the network's.
/// </summary>
public sealed class DerivedSpikeHistoryTests
{
    [Theory]
    [InlineData(GateKind.Logistic, false)]
    [InlineData(GateKind.Boxcar, false)]
    [InlineData(GateKind.None, false)]
    [InlineData(GateKind.Logistic, true)]
    [InlineData(GateKind.Boxcar, true)]
    public void Derived_spikes_and_gates_give_the_gradients_of_recorded_ones_bit_for_bit(GateKind kind, bool convolutional)
    {
        const int batch = 5, steps = 7, classes = 4;
        var shape = convolutional
            ? NetworkNotation.Parse("3C3p1-P2-9-4", new ImageShape(1, 6, 6), classes)
            : new NetworkShape(12, [10, 8], classes);
        var lif = LifParameters.Default;
        var random = new SeededRandom(21);
        var network = new SpikingNetwork(shape, lif, new SurrogateGradient(kind, kind == GateKind.Boxcar ? 1.5f : 0.3f), new DirectEncoder(), bias: true, random, poolThreshold: 0.4f);
        var pixels = Enumerable.Range(0, batch * shape.Inputs).Select(_ => 1.5f * random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(b => (byte)(b % classes)).ToArray();
        var loss = new SpikeTrainLoss(lif, steps, classes);
        var error = new float[batch * classes];

        var derived = SpikeHistory.For(network);
        var recorded = new SpikeHistory(shape.LayerSizes);
        network.BeginBatch(pixels, batch);
        derived.Begin(batch, network.InputIsConstant, network.Pixels);
        recorded.Begin(batch, network.InputIsConstant, network.Pixels);
        int spikes = 0;
        for (int t = 1; t <= steps; t++)
        {
            network.Advance(random, computeGates: true);
            loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), labels, error);
            derived.Capture(network, error);
            recorded.Capture(network, error);
            spikes += (int)network.Layers[0].ActiveSpan(network.Layers[0].Spikes).ToArray().Sum();
        }
        Assert.True(spikes > 0, "the first layer never fired; the case does not exercise the reset");
        Assert.True(derived.DerivesSpikes);
        Assert.Throws<InvalidOperationException>(() => derived.Spikes(0, 1));

        var fromDerived = new Gradients(network.Layers);
        var fromRecorded = new Gradients(network.Layers);
        BackpropagationThroughTime.Backward(derived, network.Layers, lif, false, fromDerived, CpuBackend.Serial, new BackpropagationThroughTime.Workspace());
        BackpropagationThroughTime.Backward(recorded, network.Layers, lif, false, fromRecorded, CpuBackend.Serial, new BackpropagationThroughTime.Workspace());
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(fromRecorded.Weights[l], fromDerived.Weights[l]);
            Assert.Equal(fromRecorded.Bias[l], fromDerived.Bias[l]);
        }
        Assert.Contains(fromDerived.Weights[0], g => g != 0f);
    }
}
