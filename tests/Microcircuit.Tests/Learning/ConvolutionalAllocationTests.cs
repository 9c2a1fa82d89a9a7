using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Learning;
using Microcircuit.Randomness;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>A training step of a convolutional network, under the rules and encoders that matter, allocates nothing once warm.</summary>
public sealed class ConvolutionalAllocationTests
{
    [Theory]
    [InlineData("microcircuit", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("microcircuit", ErrorCellMode.Spiking, EncoderKind.Rate)]
    [InlineData("bptt", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("bptt", ErrorCellMode.Graded, EncoderKind.Rate)]
    [InlineData("dfa", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("fa", ErrorCellMode.Graded, EncoderKind.Rate)]
    public void A_conv_network_training_step_allocates_nothing_once_warm(string ruleName, ErrorCellMode mode, EncoderKind encoder)
    {
        var pass = new RecordedPass(Shape, batch: 4, steps: 5, InputEncoders.Create(encoder, 5), seed: 5, weightScale: 4f, poolThreshold: PoolThreshold, bias: true);
        var network = pass.Network;
        var rule = Rule(ruleName, network, cells: mode);
        var gradients = new Gradients(network.Layers);
        var error = new float[pass.Batch * pass.Sizes[^1]];
        var random = new SeededRandom(3);

        void Batch()
        {
            gradients.Clear();
            network.BeginBatch(pass.Pixels, pass.Batch);
            rule.BeginBatch(network);
            for (int t = 1; t <= pass.Steps; t++)
            {
                network.Advance(random, computeGates: true);
                pass.Loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), pass.Labels, error);
                rule.AfterStep(network, error, gradients);
            }
            rule.EndBatch(network, gradients);
        }

        var updated = new bool[network.Layers.Count];
        for (int i = 0; i < 60; i++)   // warm: buffers sized, code jitted and tiered up
        {
            Batch();
            for (int l = 0; l < updated.Length; l++) updated[l] |= gradients.Weights[l].Any(x => x != 0f);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Batch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated over 3 batches of {pass.Steps} steps");
        Assert.Equal(network.Layers.Select(l => l.IsPlastic), updated);   // the rule ran in earnest in every plastic layer
    }
}
