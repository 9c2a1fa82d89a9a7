using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Learning;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>docs/paper.md §6: what the microcircuit's ΔW must equal, checked against plain matrix code on one recorded forward pass.</summary>
public sealed class MicrocircuitEquivalenceTests
{
    private static readonly int[] Sizes = [30, 24, 16, 6];   // three weight layers

    private static MicrocircuitRule Graded(RecordedPass pass, ulong feedbackSeed, Func<int, int, IFeedbackWiring>? wiring = null)
    {
        var feedbackRandom = new SeededRandom(feedbackSeed);
        var layers = pass.Network.Layers;
        var wirings = layers.Skip(1).Select(l => wiring?.Invoke(l.Outputs, l.Inputs) ?? new SignConcordantFixedMagnitude(l.Outputs, l.Inputs, feedbackRandom)).ToArray();
        var cells = layers.Select(l => new ErrorInterneurons(l.Outputs, ErrorCellMode.Graded, 1f, null)).ToArray();
        return new MicrocircuitRule(pass.Network, wirings, cells);
    }

    /// <summary>frSF feedback computed independently of the rule: the same magnitudes |M| (same seed) times sign(W).</summary>
    private static Func<int, float[]> FrsfFeedback(RecordedPass pass, ulong feedbackSeed)
    {
        var random = new SeededRandom(feedbackSeed);
        var magnitudes = pass.Network.Layers.Skip(1).Select(l => new SignConcordantFixedMagnitude(l.Outputs, l.Inputs, random).Magnitude.ToArray()).ToArray();
        return layer =>
        {
            var w = pass.Network.Layers[layer].Weights;
            var m = magnitudes[layer - 1];
            return w.Select((x, i) => x > 0 ? m[i] : x < 0 ? -m[i] : 0f).ToArray();
        };
    }

    public static TheoryData<string, int> Cases => new() { { "direct", 5 }, { "direct", 8 }, { "rate", 6 } };

    private static IInputEncoder Encoder(string name, int steps) =>
        name == "direct" ? new DirectEncoder() : InputEncoders.Create(EncoderKind.Rate, steps);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Graded_error_cells_give_exactly_the_frsf_update(string encoder, int steps)
    {
        var pass = new RecordedPass(Sizes, batch: 5, steps, Encoder(encoder, steps), seed: 11, weightScale: encoder == "rate" ? 3f : 1f);
        var (gradients, rec, errors) = pass.Run(Graded(pass, feedbackSeed: 3));
        var reference = RecordedPass.Reference(pass, rec, errors, FrsfFeedback(pass, 3));

        for (int l = 0; l < pass.Layers; l++)
        {
            Assert.True(Enumerable.Range(1, steps).SelectMany(t => rec.Spikes(l, t)).Any(s => s > 0),
                $"layer {l + 1} never spiked: the check would be vacuous");
            double error = RecordedPass.MaxRelativeError(gradients.Weights[l], reference[l]);
            TestContext.Current.TestOutputHelper?.WriteLine($"{encoder} T={steps} layer {l + 1}: max relative error {error:E2}");
            Assert.True(error <= 1e-5, $"layer {l + 1}: max relative error {error:E2} > 1e-5");
        }
    }

    [Fact]
    public void The_equivalence_check_detects_a_rule_with_other_feedback()
    {
        // Control: the same comparison against weight-transport feedback must fail, so the test above can fail.
        var pass = new RecordedPass(Sizes, batch: 5, steps: 5, new DirectEncoder(), seed: 11);
        var (gradients, rec, errors) = pass.Run(Graded(pass, feedbackSeed: 3));
        var transport = RecordedPass.Reference(pass, rec, errors, l => pass.Network.Layers[l].Weights);
        Assert.True(RecordedPass.MaxRelativeError(gradients.Weights[0], transport[0]) > 1e-2);
        // The output layer has no feedback in its update, so it agrees with any feedback.
        Assert.True(RecordedPass.MaxRelativeError(gradients.Weights[^1], transport[^1]) <= 1e-5);
    }

    [Fact]
    public void With_transposed_weights_as_feedback_the_rule_is_time_local_surrogate_backprop()
    {
        // Time-local BP of E: ∂a/∂u = g/τs at every layer, ∂u_{l+1}/∂a_l = W_{l+1}. The microcircuit drops the
        // constant 1/τs per layer (docs/paper.md §6 writes δ_L = g_L ⊙ (a_L − ā_L)), so layer l's update equals time-local
        // BP's times τs^(L−l+1) — a per-layer constant that Adam's normalisation removes exactly.
        var pass = new RecordedPass(Sizes, batch: 4, steps: 6, new DirectEncoder(), seed: 5);
        var (gradients, rec, errors) = pass.Run(Graded(pass, 1, (_, _) => new TransposedWeights()));
        double tau = pass.Lif.TauSynapse;
        var bp = RecordedPass.Reference(pass, rec, errors, l => pass.Network.Layers[l].Weights, gateScale: 1 / tau);
        for (int l = 0; l < pass.Layers; l++)
        {
            double factor = Math.Pow(tau, -(pass.Layers - l));
            var scaled = gradients.Weights[l].Select(g => (float)(g * factor)).ToArray();
            double error = RecordedPass.MaxRelativeError(scaled, bp[l]);
            TestContext.Current.TestOutputHelper?.WriteLine($"B = Wᵀ layer {l + 1}: max relative error {error:E2}");
            Assert.True(error <= 1e-5, $"layer {l + 1}: max relative error {error:E2} > 1e-5");
        }
    }

    [Theory]
    [InlineData(ErrorCoding.Bernoulli, 1, 2000)]
    [InlineData(ErrorCoding.SigmaDelta, 4, 1000)]
    public void Spiking_error_cells_converge_in_the_mean_to_the_frsf_update(ErrorCoding coding, int burst, int repeats)
    {
        var pass = new RecordedPass(Sizes, batch: 5, steps: 5, new DirectEncoder(), seed: 11);
        var (_, rec, errors) = pass.Run(Graded(pass, feedbackSeed: 3));
        var reference = RecordedPass.Reference(pass, rec, errors, FrsfFeedback(pass, 3));

        var sums = reference.Select(r => new double[r.Length]).ToArray();
        for (int r = 0; r < repeats; r++)
        {
            var spikeRandom = SeededRandom.Derive(1234, (ulong)r);
            var feedbackRandom = new SeededRandom(3);
            var layers = pass.Network.Layers;
            var wirings = layers.Skip(1).Select(l => (IFeedbackWiring)new SignConcordantFixedMagnitude(l.Outputs, l.Inputs, feedbackRandom)).ToArray();
            var code = new ErrorCellCoding(coding, ErrorGain.Fixed, 0.5f, 0.1f, burst, 1);
            var cells = layers.Select(l => new ErrorInterneurons(l.Outputs, ErrorCellMode.Spiking, code, spikeRandom)).ToArray();
            var (g, _, _) = pass.Run(new MicrocircuitRule(pass.Network, wirings, cells));
            for (int l = 0; l < pass.Layers; l++)
                for (int i = 0; i < sums[l].Length; i++) sums[l][i] += g.Weights[l][i];
        }
        for (int l = 0; l < pass.Layers; l++)
        {
            double cosine = RecordedPass.Cosine(sums[l], reference[l]);
            TestContext.Current.TestOutputHelper?.WriteLine($"spiking ({coding}), {repeats} seeds, layer {l + 1}: cosine {cosine:F5}");
            Assert.True(cosine >= 0.99, $"layer {l + 1}: cosine {cosine:F4} < 0.99 after {repeats} seeds");
        }
    }

    [Fact]
    public void The_stdp_sampling_form_of_the_hebbian_product_has_the_trace_form_as_its_mean()
    {
        const int repeats = 3000;
        var pass = new RecordedPass(Sizes, batch: 5, steps: 5, new DirectEncoder(), seed: 11);
        var (trace, _, _) = pass.Run(Graded(pass, feedbackSeed: 3));
        float bound = pass.Pixels.Max(MathF.Abs);   // the largest input the first layer's synapses can see

        var sums = trace.Weights.Select(w => new double[w.Length]).ToArray();
        for (int r = 0; r < repeats; r++)
        {
            var feedbackRandom = new SeededRandom(3);
            var layers = pass.Network.Layers;
            var wirings = layers.Skip(1).Select(l => (IFeedbackWiring)new SignConcordantFixedMagnitude(l.Outputs, l.Inputs, feedbackRandom)).ToArray();
            var cells = layers.Select(l => new ErrorInterneurons(l.Outputs, ErrorCellMode.Graded, 1f, null)).ToArray();
            var stdp = new SpikeTimingSampler(SeededRandom.Derive(4321, (ulong)r), bound);
            var (g, _, _) = pass.Run(new MicrocircuitRule(pass.Network, wirings, cells, stdp: stdp));
            for (int l = 0; l < pass.Layers; l++)
                for (int i = 0; i < sums[l].Length; i++) sums[l][i] += g.Weights[l][i];
        }
        for (int l = 0; l < pass.Layers; l++)
        {
            var reference = trace.Weights[l].Select(v => (double)v).ToArray();
            double cosine = RecordedPass.Cosine(sums[l], reference);
            double scale = Math.Sqrt(sums[l].Sum(v => v * v)) / repeats / Math.Sqrt(reference.Sum(v => v * v));   // the mean's length against the trace form's
            TestContext.Current.TestOutputHelper?.WriteLine($"stdp sampling, {repeats} seeds, layer {l + 1}: cosine {cosine:F5} with the trace form, length ratio {scale:F4}");
            Assert.True(cosine >= 0.99, $"layer {l + 1}: cosine {cosine:F4} < 0.99 after {repeats} seeds");
            Assert.InRange(scale, 0.97, 1.03);
        }
    }
}
