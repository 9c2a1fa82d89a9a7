using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Randomness;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// Every rule on a convolutional network: it updates every plastic layer (linearly in the error) and no pool, random
/// feedback reaches the first convolution, DFA keeps no direct feedback for pools, and a network that starts with a
/// pool learns above it.
/// </summary>
public sealed class ConvolutionalRuleCoverageTests
{
    public static TheoryData<string> Rules => [.. CreditAssignmentRules.BuiltIn];

    private static Gradients RunScaled(string rule, float errorScale, EncoderKind encoder = EncoderKind.Direct)
    {
        var pass = Pass(encoder);
        var network = pass.Network;
        var credit = Rule(rule, network);
        var gradients = new Gradients(network.Layers);
        var random = new SeededRandom(9);
        var error = new float[pass.Batch * pass.Sizes[^1]];
        network.BeginBatch(pass.Pixels, pass.Batch);
        credit.BeginBatch(network);
        for (int t = 1; t <= pass.Steps; t++)
        {
            network.Advance(random, computeGates: true);
            pass.Loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), pass.Labels, error);
            for (int i = 0; i < error.Length; i++) error[i] *= errorScale;
            credit.AfterStep(network, error, gradients);
        }
        credit.EndBatch(network, gradients);
        return gradients;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_updates_every_plastic_layer_of_a_conv_network_and_no_pool(string rule)
    {
        var once = RunScaled(rule, 1f);
        var twice = RunScaled(rule, 2f);
        var none = RunScaled(rule, 0f);
        var layers = Pass(EncoderKind.Direct).Network.Layers;
        for (int l = 0; l < layers.Count; l++)
        {
            if (!layers[l].IsPlastic)
            {
                Assert.Empty(once.Weights[l]);
                Assert.Null(once.Bias[l]);
                continue;
            }
            foreach (var (g, g2, g0, what) in new[] { (once.Weights[l], twice.Weights[l], none.Weights[l], "ΔW"), (once.Bias[l]!, twice.Bias[l]!, none.Bias[l]!, "Δb") })
            {
                Assert.All(g, x => Assert.True(float.IsFinite(x), $"{rule} layer {l + 1} {what}: {x}"));
                Assert.True(g.Any(x => x != 0f), $"{rule} layer {l + 1} ({layers[l].Spec}) {what} is all zeros");
                Assert.All(g0, x => Assert.Equal(0f, x));
                for (int i = 0; i < g.Length; i++)
                    Assert.Equal(2.0 * g[i], g2[i], 1e-5 * (1 + Math.Abs(g2[i])));
            }
        }
    }

    [Theory]
    [InlineData("fa")]
    [InlineData("dfa")]
    public void Random_feedback_rules_reach_the_first_convolution_from_random_directions(string rule)
    {
        // FA and DFA must not coincide with BP on a conv network (their feedback is unrelated to W), yet they update every plastic layer.
        var random = RunScaled(rule, 1f, EncoderKind.Rate);
        var bp = RunScaled("bp", 1f, EncoderKind.Rate);
        double angle = Microcircuit.Learning.Alignment.UpdateAngle.Degrees(random.Weights[0], bp.Weights[0]);
        TestContext.Current.TestOutputHelper?.WriteLine($"{rule}: first convolution's update {angle:F1}° from bp's");
        Assert.True(angle > 5, $"{rule}'s update of the first convolution is {angle:F1}° from bp's");
        Assert.Equal(bp.Weights[^1], random.Weights[^1]);   // the output layer's update needs no feedback
    }

    [Fact]
    public void Dfa_keeps_no_direct_feedback_for_pools()
    {
        var network = Pass(EncoderKind.Direct).Network;
        var dfa = new DirectFeedbackAlignmentRule(network, new SeededRandom(3));
        for (int l = 0; l < network.Layers.Count - 1; l++)
            Assert.Equal(network.Layers[l].IsPlastic ? network.Output.Outputs * network.Layers[l].Outputs : 0, dfa.DirectFeedback(l).Length);
    }

    [Fact]
    public void A_network_that_starts_with_a_pool_learns_above_it()
    {
        var shape = NetworkNotation.Parse("P2-3C3-5", new ImageShape(2, 8, 8), classes: 5);
        foreach (var rule in CreditAssignmentRules.BuiltIn)
        {
            var pass = new RecordedPass(shape, 3, 6, new DirectEncoder(), seed: 5, weightScale: 2f, poolThreshold: 0.3f, bias: true);
            var (g, _, _) = pass.Run(Rule(rule, pass.Network));
            Assert.Empty(g.Weights[0]);
            Assert.True(g.Weights[1].Any(x => x != 0f) && g.Weights[1].All(float.IsFinite), $"{rule}: no update above the pool");
        }
    }
}
