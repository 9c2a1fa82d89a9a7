using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// The direct-input shortcut through a convolution: convolving the constant direct input once per batch trains the
/// same weights as filtering it and convolving it every step.
/// </summary>
public sealed class ConvolutionalDirectInputShortcutTests
{
    /// <summary>Direct encoding that does not declare itself constant, so the network convolves the filtered input every step.</summary>
    private static float[][] Train(IInputEncoder encoder, string rule)
    {
        const int batch = 4, steps = 6, batches = 8;
        var shape = Shape;
        var lif = LifParameters.Default;
        var network = new SpikingNetwork(shape, lif, SurrogateGradient.Default, encoder, bias: true, new SeededRandom(4), PoolThreshold);
        var credit = Rule(rule, network, seed: 5);
        var adam = new Adam(network.Layers, 1e-3f);
        var loss = new SpikeTrainLoss(lif, steps, shape.Outputs);
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
                loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), labels, error);
                credit.AfterStep(network, error, gradients);
            }
            credit.EndBatch(network, gradients);
            adam.Step(network.Layers, gradients);
        }
        return network.Layers.Select(l => l.Weights.Concat(l.Bias ?? []).ToArray()).ToArray();
    }

    [Theory]
    [InlineData("microcircuit")]
    [InlineData("bptt")]
    [InlineData("dfa")]
    public void The_once_per_batch_first_convolution_gives_the_same_weights_as_filtering_every_step(string rule)
    {
        var shortcut = Train(new DirectEncoder(), rule);
        var stepwise = Train(new StepByStepDirect(), rule);
        var initial = new SpikingNetwork(Shape, LifParameters.Default, SurrogateGradient.Default, new DirectEncoder(), bias: true, new SeededRandom(4), PoolThreshold)
            .Layers[0].Weights;
        Assert.NotEqual(initial, shortcut[0].Take(initial.Length));   // it trained
        for (int l = 0; l < shortcut.Length; l++)
        {
            if (shortcut[l].Length == 0) continue;
            double scale = shortcut[l].Max(MathF.Abs), worst = 0;
            for (int i = 0; i < shortcut[l].Length; i++) worst = Math.Max(worst, Math.Abs(shortcut[l][i] - stepwise[l][i]));
            TestContext.Current.TestOutputHelper?.WriteLine($"{rule} layer {l + 1}: max difference {worst / scale:E2} of the largest weight");
            Assert.True(worst / scale <= 1e-5, $"{rule} layer {l + 1}: weights differ by {worst / scale:E2} of the largest weight");
        }
    }
}
