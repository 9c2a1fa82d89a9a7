using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Randomness;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// The direct-input shortcut through a convolution: convolving the constant direct input once per batch trains the
/// same weights as filtering it and convolving it every step.
/// </summary>
public sealed class ConvolutionalDirectInputShortcutTests
{
    private static float[][] Train(IInputEncoder encoder, string rule)
    {
        var network = new SpikingNetwork(Shape, LifParameters.Default, SurrogateGradient.Default, encoder, bias: true, new SeededRandom(4), PoolThreshold);
        return ShortTraining.Run(network, Rule(rule, network, seed: 5), batch: 4, steps: 6, batches: 8);
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
