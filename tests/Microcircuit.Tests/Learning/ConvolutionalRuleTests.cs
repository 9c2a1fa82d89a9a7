using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Learning.Feedback;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;
using Microcircuit.Tests.Layers;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// The rules on a small convolutional network (convolution, spiking pool, convolution, dense, dense output), checked
/// against plain double-precision loops over the synapses of every layer (<see cref="NaiveWiring"/>): PAPER.md §6's
/// equivalences with §8's feedback (transposed convolution, even spread over a pooling window), BPTT against finite
/// differences, every rule's updates, allocation, and the direct-input shortcut through a convolution.
/// </summary>
public sealed class ConvolutionalRuleTests
{
    private static readonly ImageShape Input = new(2, 8, 8);
    private const string Net = "3C3p1-P2-4C3-6-3";   // 3×8×8 → 3×4×4 → 4×2×2 → 6 → 3
    private const int Batch = 3, Steps = 6;
    private const float PoolThreshold = 0.6f;

    private static NetworkShape Shape => NetworkNotation.Parse(Net, Input, classes: 3);

    private static RecordedPass Pass(EncoderKind encoder, ulong seed = 5) =>
        new(Shape, Batch, Steps, InputEncoders.Create(encoder, Steps), seed, weightScale: encoder == EncoderKind.Rate ? 4f : 2f,
            poolThreshold: PoolThreshold, bias: true);

    private static NaiveWiring[] Wirings(NetworkShape shape) =>
        Enumerable.Range(0, shape.Layers.Count).Select(l => new NaiveWiring(shape.Layers[l], shape.Shapes[l])).ToArray();

    /// <summary>
    /// Time-local error propagation in double, layer by layer through each wiring's naive adjoint:
    /// δ_L = g_L ⊙ e, δ_l = g_l ⊙ (F_{l+1}ᵀ δ_{l+1}) (a pool spreads δ over its window ÷ w², times <paramref name="poolSpread"/>),
    /// G_l = (1/B) Σ_t δ_l ⊗ a_{l−1}, G_b = (1/B) Σ_t Σ_positions δ_l.
    /// </summary>
    private static (double[][] Weights, double[][] Bias) Reference(RecordedPass pass, ForwardRecording rec, float[][] errors,
        Func<int, double[]> feedback, double poolSpread = 1.0)
    {
        var shape = pass.Network.Shape;
        var wiring = Wirings(shape);
        int layers = wiring.Length, top = layers - 1, batch = pass.Batch;
        var weights = wiring.Select(w => new double[w.Weights]).ToArray();
        var bias = wiring.Select(w => new double[w.Biases]).ToArray();
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
                var pre = NaiveWiring.Doubles(l == 0 ? rec.InputTrace(t) : rec.Trace(l - 1, t));
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

    private static void AssertSpikingEverywhere(RecordedPass pass, ForwardRecording rec)
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

    private static ICreditAssignment Rule(string name, SpikingNetwork network, ulong seed = 3, ErrorCellMode cells = ErrorCellMode.Graded) =>
        CreditAssignmentRules.Create(name, network, cells, 0.5f, new SeededRandom(seed), new SeededRandom(seed + 100));

    // (a) ------------------------------------------------------------------------------------------------------------

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

    // (b) ------------------------------------------------------------------------------------------------------------

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

    // (c) ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// BPTT on a smoothed convolutional network (spike s = σ((u − θ)/α), gate its exact derivative, so the surrogate
    /// gradient is the true one): convolution with padding, a pool with its own θ, a strided convolution, a dense output.
    /// </summary>
    private sealed class SmoothedNetwork
    {
        public static readonly ImageShape In = new(2, 6, 6);
        public const string Net = "3C3p1-P2-2C3p1s2-3";   // 3×6×6 → 3×3×3 → 2×2×2 → 3
        public const int Batch = 2, Steps = 6;
        public const double Alpha = 0.5;
        public const float PoolTheta = 0.7f;
        public static readonly LifParameters Lif = LifParameters.Default;
        public readonly NetworkShape Shape = NetworkNotation.Parse(Net, In, classes: 3);
        public readonly NaiveWiring[] Wiring;
        public readonly double[][] Weights, Bias, InputTrace, Target;

        public SmoothedNetwork(ulong seed)
        {
            Wiring = Wirings(Shape);
            var random = new SeededRandom(seed);
            Weights = Wiring.Select(w => Enumerable.Range(0, w.Weights).Select(_ => 1.6 * random.NextGaussian() / Math.Sqrt(FanIn(w))).ToArray()).ToArray();
            Bias = Wiring.Select(w => Enumerable.Range(0, w.Biases).Select(_ => 0.1 * random.NextGaussian()).ToArray()).ToArray();
            InputTrace = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * In.Size).Select(_ => 1.5 * (double)random.NextFloat()).ToArray()).ToArray();
            Target = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, Batch * Shape.Outputs).Select(_ => 0.5 * (double)random.NextFloat()).ToArray()).ToArray();
        }

        private static double FanIn(NaiveWiring w) => (double)w.Synapses.Length / w.Output.Size;

        /// <summary>E averaged over the batch, in double; fills <paramref name="history"/> when given.</summary>
        public double Forward(double[][] weights, double[][] bias, SpikeHistory? history)
        {
            int layers = Wiring.Length;
            double beta = Lif.MembraneDecay, lambda = Lif.TraceDecay, gain = Lif.TraceGain;
            var u = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            var s = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            var a = Wiring.Select(w => new double[Batch * w.Output.Size]).ToArray();
            double loss = 0;
            history?.Begin(Batch, inputIsConstant: false, []);
            for (int t = 1; t <= Steps; t++)
            {
                int step = history?.NextStep() ?? t;
                for (int l = 0; l < layers; l++)
                {
                    var w = Wiring[l];
                    double theta = w.IsPlastic ? Lif.Threshold : PoolTheta;
                    var current = w.Project(l == 0 ? InputTrace[t - 1] : a[l - 1], weights[l], Batch);
                    for (int k = 0; k < current.Length; k++)
                    {
                        int cell = k % w.Output.Size;
                        double input = current[k] + (w.BiasOf[cell] >= 0 ? bias[l][w.BiasOf[cell]] : 0);
                        u[l][k] = beta * u[l][k] * (1 - s[l][k]) + input;
                        double sigma = 1 / (1 + Math.Exp(-(u[l][k] - theta) / Alpha));
                        s[l][k] = sigma;
                        a[l][k] = lambda * a[l][k] + gain * sigma;
                        if (history is not null)
                        {
                            history.Membrane(l, step)[k] = (float)u[l][k];
                            history.Spikes(l, step)[k] = (float)sigma;
                            history.Gate(l, step)[k] = (float)(sigma * (1 - sigma) / Alpha);
                            history.Trace(l, step)[k] = (float)a[l][k];
                        }
                    }
                }
                for (int k = 0; k < a[^1].Length; k++)
                {
                    double e = a[^1][k] - Target[t - 1][k];
                    loss += 0.5 * e * e / Batch;
                    if (history is not null) history.Error(step)[k] = (float)e;
                }
                if (history is not null)
                    for (int k = 0; k < InputTrace[t - 1].Length; k++) history.InputTrace(step)[k] = (float)InputTrace[t - 1][k];
            }
            return loss;
        }

        /// <summary>The library's BPTT on the recorded smoothed pass, through the library's layers holding these weights.</summary>
        public Gradients Backward(bool detachReset)
        {
            var history = new SpikeHistory(Shape.LayerSizes);
            Forward(Weights, Bias, history);
            var layers = Enumerable.Range(0, Shape.Layers.Count).Select(l => SpikingLayer.Create(Shape.Layers[l], Shape.Shapes[l], bias: true, PoolTheta)).ToArray();
            for (int l = 0; l < layers.Length; l++)
            {
                Assert.Equal(Weights[l].Length, layers[l].Weights.Length);
                for (int i = 0; i < Weights[l].Length; i++) layers[l].Weights[i] = (float)Weights[l][i];
                for (int i = 0; i < Bias[l].Length; i++) layers[l].Bias![i] = (float)Bias[l][i];
            }
            var gradients = new Gradients(layers);
            BackpropagationThroughTime.Backward(history, layers, Lif, detachReset, gradients, threads: 1, new BackpropagationThroughTime.Workspace());
            return gradients;
        }

        /// <summary>The worst difference from central finite differences, relative to each parameter group's largest derivative.</summary>
        public double WorstRelativeError(Gradients g)
        {
            const double h = 1e-5;
            double worst = 0;
            for (int l = 0; l < Wiring.Length; l++)
            {
                if (!Wiring[l].IsPlastic)
                {
                    Assert.Empty(g.Weights[l]);
                    continue;
                }
                foreach (var (parameters, actual) in new[] { (Weights, g.Weights[l]), (Bias, g.Bias[l]!) })
                {
                    var fd = new double[parameters[l].Length];
                    for (int i = 0; i < fd.Length; i++)
                    {
                        var saved = parameters[l][i];
                        parameters[l][i] = saved + h;
                        double up = Forward(Weights, Bias, null);
                        parameters[l][i] = saved - h;
                        double down = Forward(Weights, Bias, null);
                        parameters[l][i] = saved;
                        fd[i] = (up - down) / (2 * h);
                    }
                    double scale = fd.Max(Math.Abs);
                    Assert.True(scale > 1e-6, $"layer {l + 1}: the loss does not depend on these parameters");
                    for (int i = 0; i < fd.Length; i++) worst = Math.Max(worst, Math.Abs(actual[i] - fd[i]) / scale);
                }
            }
            return worst;
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Bptt_through_convolutions_and_a_pool_equals_finite_differences_of_the_smoothed_network(ulong seed)
    {
        var network = new SmoothedNetwork(seed);
        double error = network.WorstRelativeError(network.Backward(detachReset: false));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: max relative error vs finite differences {error:E2}");
        Assert.True(error < 1e-5, $"max relative error {error:E2} against finite differences");
    }

    [Fact]
    public void The_convolutional_gradient_check_fails_without_the_reset_path_so_it_is_sensitive()
    {
        var network = new SmoothedNetwork(1);
        double error = network.WorstRelativeError(network.Backward(detachReset: true));
        TestContext.Current.TestOutputHelper?.WriteLine($"detached reset: max relative error {error:E2}");
        Assert.True(error > 1e-2, $"dropping the reset path changed the gradient by only {error:E2}");
    }

    // (d) ------------------------------------------------------------------------------------------------------------

    public static TheoryData<string> Rules => [.. CreditAssignmentRules.Names];

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
            pass.Loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), pass.Labels, error);
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
        foreach (var rule in CreditAssignmentRules.Names)
        {
            var pass = new RecordedPass(shape, 3, 6, new DirectEncoder(), seed: 5, weightScale: 2f, poolThreshold: 0.3f, bias: true);
            var (g, _, _) = pass.Run(Rule(rule, pass.Network));
            Assert.Empty(g.Weights[0]);
            Assert.True(g.Weights[1].Any(x => x != 0f) && g.Weights[1].All(float.IsFinite), $"{rule}: no update above the pool");
        }
    }

    // (e) ------------------------------------------------------------------------------------------------------------

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
                pass.Loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), pass.Labels, error);
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

    // The direct-input shortcut through a convolution ----------------------------------------------------------------

    /// <summary>Direct encoding that does not declare itself constant, so the network convolves the filtered input every step.</summary>
    private sealed class StepByStepDirect : IInputEncoder
    {
        public EncoderKind Kind => EncoderKind.Direct;
        public bool IsConstant => false;
        public bool UsesIntensity => false;
        public void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random) => pixels.CopyTo(activity);
    }

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
