using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;
using Microcircuit.Tests.Layers;
using static Microcircuit.Tests.Learning.ConvolutionalFixture;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// docs/paper.md §6's equivalences on the small convolutional network, with §8's feedback (transposed convolution, even
/// spread over a pooling window), checked against plain double-precision loops over the synapses of every layer
/// (<see cref="NaiveWiring"/>): the graded microcircuit gives exactly frSF's update, bp is time-local backprop; and
/// the checks detect other magnitudes, a flipped kernel and an unnormalised spread.
/// </summary>
public sealed class ConvolutionalEquivalenceTests
{
    /// <summary>
    /// Time-local error propagation in double, layer by layer through each wiring's naive adjoint:
    /// δ_L = g_L ⊙ e, δ_l = g_l ⊙ (F_{l+1}ᵀ δ_{l+1}) (a pool spreads δ over its window ÷ w², times <paramref name="poolSpread"/>),
    /// G_l = (1/B) Σ_t δ_l ⊗ a_{l−1}, G_b = (1/B) Σ_t Σ_positions δ_l.
    /// </summary>
    internal static (double[][] Weights, double[][] Bias) Reference(RecordedPass pass, SpikeHistory rec, float[][] errors,
        Func<int, double[]> feedback, double poolSpread = 1.0, double eligibilityDecay = 0.0)
    {
        var shape = pass.Network.Shape;
        var wiring = Wirings(shape);
        int layers = wiring.Length, top = layers - 1, batch = pass.Batch;
        var weights = wiring.Select(w => new double[w.Weights]).ToArray();
        var bias = wiring.Select(w => new double[w.Biases]).ToArray();
        var eligibility = wiring.Select(w => new double[batch * w.Input.Size]).ToArray();   // ε[t] = k·ε[t−1] + a_pre[t] (k = 0: a_pre)
        for (int t = 1; t <= pass.Steps; t++)
        {
            var delta = new double[layers][];
            delta[top] = Multiply(rec.Gate(top, t), NaiveWiring.Doubles(errors[t - 1]));
            for (int l = top - 1; l >= 0; l--)
            {
                var above = wiring[l + 1];
                var v = above.SendBack(delta[l + 1], above.IsPlastic ? feedback(l + 1) : [], batch);
                if (!above.IsPlastic) v = v.Select(x => x * poolSpread).ToArray();
                delta[l] = Multiply(rec.Gate(l, t), v);
            }
            for (int l = 0; l < layers; l++)
            {
                var trace = l == 0 ? rec.InputTrace(t) : rec.Trace(l - 1, t);
                var pre = eligibility[l];
                for (int j = 0; j < pre.Length; j++) pre[j] = eligibilityDecay * pre[j] + trace[j];
                var g = wiring[l].WeightProduct(delta[l], pre, batch);
                var b = wiring[l].BiasProduct(delta[l], batch);
                for (int i = 0; i < g.Length; i++) weights[l][i] += g[i] / batch;
                for (int i = 0; i < b.Length; i++) bias[l][i] += b[i] / batch;
            }
        }
        return (weights, bias);
    }

    private static double[] Multiply(float[] gate, double[] v) => v.Select((x, i) => gate[i] * x).ToArray();

    private static double[] Doubles(float[] values) => NaiveWiring.Doubles(values);

    /// <summary>frSF feedback made independently of the rules: magnitudes drawn like the rules draw them (same seed, plastic layers bottom to top) times sign(W).</summary>
    private static Func<int, double[]> FrsfFeedback(SpikingNetwork network, ulong seed)
    {
        var random = new SeededRandom(seed);
        var magnitudes = network.Layers.Select((l, i) => i > 0 && l.IsPlastic ? new SignConcordantFixedMagnitude(FeedbackFan.Of(l), random).Magnitude.ToArray() : []).ToArray();
        return layer => network.Layers[layer].Weights.Select((w, i) => w > 0 ? (double)magnitudes[layer][i] : w < 0 ? -(double)magnitudes[layer][i] : 0.0).ToArray();
    }

    /// <summary>The kernels turned by 180° (the feedback of a convolution mistaken for a correlation); dense weights unchanged.</summary>
    private static Func<int, double[]> FlippedKernels(SpikingNetwork network) => layer =>
    {
        var l = network.Layers[layer];
        var w = Doubles(l.Weights);
        if (l is not ConvolutionLayer) return w;
        int k = l.Spec.Kernel, taps = k * k;
        return w.Select((_, i) => w[i / taps * taps + (taps - 1 - i % taps)]).ToArray();
    };

    private static void AssertSpikingEverywhere(RecordedPass pass, SpikeHistory rec)
    {
        for (int l = 0; l < pass.Layers; l++)
            Assert.True(Enumerable.Range(1, pass.Steps).SelectMany(t => rec.Spikes(l, t)).Any(s => s > 0),
                $"layer {l + 1} ({pass.Network.Shape.Layers[l]}) never spiked: the check would be vacuous");
    }

    private static void AssertMatches(RecordedPass pass, Gradients actual, (double[][] Weights, double[][] Bias) expected, string what)
    {
        for (int l = 0; l < pass.Layers; l++)
        {
            var layer = pass.Network.Layers[l];
            if (!layer.IsPlastic)
            {
                Assert.Empty(actual.Weights[l]);
                Assert.Null(actual.Bias[l]);
                continue;
            }
            double weights = RecordedPass.MaxRelativeError(actual.Weights[l], expected.Weights[l]);
            double bias = RecordedPass.MaxRelativeError(actual.Bias[l]!, expected.Bias[l]);
            TestContext.Current.TestOutputHelper?.WriteLine($"{what} layer {l + 1} ({layer.Spec}): max relative error ΔW {weights:E2}, Δb {bias:E2}");
            Assert.True(weights <= 1e-5, $"{what} layer {l + 1} ({layer.Spec}): ΔW max relative error {weights:E2} > 1e-5");
            Assert.True(bias <= 1e-5, $"{what} layer {l + 1} ({layer.Spec}): Δb max relative error {bias:E2} > 1e-5");
        }
    }

    // The graded microcircuit is frSF --------------------------------------------------------------------------------

    [Theory]
    [InlineData(EncoderKind.Direct)]
    [InlineData(EncoderKind.Rate)]
    public void Graded_microcircuit_gives_exactly_the_frsf_update_through_convolutions_and_pools(EncoderKind encoder)
    {
        var pass = Pass(encoder);
        var network = pass.Network;
        var (circuit, rec, errors) = pass.Run(CreditAssignmentRules.Microcircuit(network, ErrorCellMode.Graded, 1f, new SeededRandom(3), new SeededRandom(4)));
        AssertSpikingEverywhere(pass, rec);

        var random = new SeededRandom(3);
        var wirings = network.Layers.Skip(1)
            .Select(l => l.IsPlastic ? (IFeedbackWiring)new SignConcordantFixedMagnitude(FeedbackFan.Of(l), random) : FixedPathway.Instance).ToArray();
        var (frsf, _, _) = pass.Run(new TimeLocalFeedbackRule("frsf", network, wirings));
        var fromFrsf = (frsf.Weights.Select(Doubles).ToArray(), frsf.Bias.Select(b => b is null ? [] : Doubles(b)).ToArray());
        AssertMatches(pass, circuit, fromFrsf, $"{encoder} microcircuit vs frsf");
        AssertMatches(pass, circuit, Reference(pass, rec, errors, FrsfFeedback(network, 3)), $"{encoder} microcircuit vs naive frSF");
    }

    [Theory]
    [InlineData(EncoderKind.Direct)]
    [InlineData(EncoderKind.Rate)]
    public void With_an_eligibility_trace_the_graded_microcircuit_is_frsf_on_the_filtered_presynaptic_trace(EncoderKind encoder)
    {
        var pass = Pass(encoder);
        var network = pass.Network;
        network.EligibilityDecay = 0.8f;
        var (circuit, rec, errors) = pass.Run(CreditAssignmentRules.Microcircuit(network, ErrorCellMode.Graded, 1f, new SeededRandom(3), new SeededRandom(4)));
        AssertSpikingEverywhere(pass, rec);
        AssertMatches(pass, circuit, Reference(pass, rec, errors, FrsfFeedback(network, 3), eligibilityDecay: 0.8), $"{encoder} eligibility 0.8");
        // Control: the reference without the eligibility trace differs, so the check above can fail.
        var plain = Reference(pass, rec, errors, FrsfFeedback(network, 3));
        Assert.True(RecordedPass.MaxRelativeError(circuit.Weights[0], plain.Weights[0]) > 1e-2);
        Assert.True(RecordedPass.MaxRelativeError(circuit.Weights[^1], plain.Weights[^1]) > 1e-2);
    }

    [Fact]
    public void The_frsf_check_detects_other_magnitudes()
    {
        var pass = Pass(EncoderKind.Direct);
        var (circuit, rec, errors) = pass.Run(CreditAssignmentRules.Microcircuit(pass.Network, ErrorCellMode.Graded, 1f, new SeededRandom(3), new SeededRandom(4)));
        var other = Reference(pass, rec, errors, FrsfFeedback(pass.Network, 4));
        Assert.True(RecordedPass.MaxRelativeError(circuit.Weights[0], other.Weights[0]) > 1e-2);
        Assert.True(RecordedPass.MaxRelativeError(circuit.Weights[2], other.Weights[2]) > 1e-2);
        Assert.True(RecordedPass.MaxRelativeError(circuit.Weights[^1], other.Weights[^1]) <= 1e-5);   // no feedback in the output layer's update
    }

    // bp is time-local backprop --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(EncoderKind.Direct)]
    [InlineData(EncoderKind.Rate)]
    public void Bp_is_time_local_backprop_through_the_transposed_convolution_and_the_even_spread(EncoderKind encoder)
    {
        var pass = Pass(encoder);
        var (bp, rec, errors) = pass.Run(Rule("bp", pass.Network));
        AssertSpikingEverywhere(pass, rec);
        AssertMatches(pass, bp, Reference(pass, rec, errors, l => Doubles(pass.Network.Layers[l].Weights)), $"{encoder} bp");
    }

    [Fact]
    public void The_bp_check_detects_a_flipped_kernel_and_an_unnormalised_spread()
    {
        var pass = Pass(EncoderKind.Direct);
        var (bp, rec, errors) = pass.Run(Rule("bp", pass.Network));
        var transposed = Reference(pass, rec, errors, l => Doubles(pass.Network.Layers[l].Weights));
        var flipped = Reference(pass, rec, errors, FlippedKernels(pass.Network));
        var copied = Reference(pass, rec, errors, l => Doubles(pass.Network.Layers[l].Weights), poolSpread: 4);
        // Below the 4C3 layer the flipped kernel sends a different error; below the pool, a copied one is 4× too large.
        Assert.True(RecordedPass.MaxRelativeError(bp.Weights[0], flipped.Weights[0]) > 1e-2);
        Assert.True(RecordedPass.MaxRelativeError(bp.Weights[0], copied.Weights[0]) > 1e-2);
        Assert.True(RecordedPass.MaxRelativeError(bp.Weights[2], flipped.Weights[2]) <= 1e-5);   // above the 4C3 layer nothing changed
        Assert.True(RecordedPass.MaxRelativeError(bp.Weights[0], transposed.Weights[0]) <= 1e-5);
    }
}
