using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Learning;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

public sealed class AllocationTests
{
    [Theory]
    [InlineData("microcircuit", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("microcircuit", ErrorCellMode.Spiking, EncoderKind.Rate)]
    [InlineData("bptt", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("bptt", ErrorCellMode.Graded, EncoderKind.Rate)]
    [InlineData("dfa", ErrorCellMode.Graded, EncoderKind.Direct)]
    [InlineData("brsf", ErrorCellMode.Graded, EncoderKind.Rate)]
    public void A_training_step_allocates_nothing_once_warm(string ruleName, ErrorCellMode mode, EncoderKind encoder)
    {
        var pass = new RecordedPass([40, 32, 24, 10], batch: 8, steps: 5, InputEncoders.Create(encoder, 5), seed: 2);
        var network = pass.Network;
        var rule = CreditAssignmentRules.Create(ruleName, network, mode, 1f, new SeededRandom(1), new SeededRandom(2));
        var gradients = new Gradients(network.Layers);
        var error = new float[pass.Batch * 10];
        var random = new SeededRandom(3);

        void Batch()
        {
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

        for (int i = 0; i < 60; i++) Batch();   // warm: buffers sized, code jitted and tiered up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Batch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated over 3 batches of {pass.Steps} steps");
    }
}
