using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// With direct input the first layer's current is c[t]·(W x) and its update (Σ_t c[t] δ[t])ᵀ x, computed once per
/// batch instead of every step. Pins that the shortcut trains to the same weights as filtering the input step by
/// step (within float rounding, since the order of the arithmetic differs).
/// </summary>
public sealed class DirectInputShortcutTests
{
    private static float[][] Train(IInputEncoder encoder, string rule)
    {
        int[] sizes = [30, 24, 16, 6];
        var network = new SpikingNetwork(new NetworkShape(sizes[0], sizes[1..^1], sizes[^1]), LifParameters.Default, SurrogateGradient.Default, encoder, bias: true, new SeededRandom(4));
        var credit = CreditAssignmentRules.Create(rule, network, ErrorCellMode.Graded, 1f, new SeededRandom(5), new SeededRandom(6));
        return ShortTraining.Run(network, credit, batch: 8, steps: 6, batches: 12);
    }

    [Theory]
    [InlineData("microcircuit")]
    [InlineData("bptt")]
    [InlineData("dfa")]
    public void The_once_per_batch_first_layer_gives_the_same_weights_as_filtering_every_step(string rule)
    {
        var shortcut = Train(new DirectEncoder(), rule);
        var stepwise = Train(new StepByStepDirect(), rule);
        for (int l = 0; l < shortcut.Length; l++)
        {
            double scale = shortcut[l].Max(MathF.Abs), worst = 0;
            for (int i = 0; i < shortcut[l].Length; i++) worst = Math.Max(worst, Math.Abs(shortcut[l][i] - stepwise[l][i]));
            TestContext.Current.TestOutputHelper?.WriteLine($"{rule} layer {l + 1}: max difference {worst / scale:E2} of the largest weight");
            Assert.True(worst / scale <= 1e-5, $"{rule} layer {l + 1}: weights differ by {worst / scale:E2} of the largest weight");
        }
    }
}
