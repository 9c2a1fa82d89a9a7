using Microcircuit.Compute.Cpu;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Layers;

/// <summary>
/// The layer products every rule is made of, for convolutions, spiking pools and dense layers on an image, against
/// the synapse-by-synapse definitions of <see cref="NaiveWiring"/>: the forward projection, the error sent back (the
/// exact adjoint of the projection when the feedback is W), the Hebbian and bias products, the current with its bias,
/// and the pool's own threshold.
/// </summary>
public sealed class ConvolutionLayerTests
{
    private const int Batch = 2;

    private static readonly Dictionary<string, (ImageShape Input, LayerSpec Spec)> Layers = new()
    {
        ["3C3p1s2 on 1×7×9"] = (new(1, 7, 9), LayerSpec.Convolution(3, 3, stride: 2, padding: 1)),
        ["4C3p2 on 3×6×5"] = (new(3, 6, 5), LayerSpec.Convolution(4, 3, padding: 2)),
        ["2C2s3 on 3×8×7"] = (new(3, 8, 7), LayerSpec.Convolution(2, 2, stride: 3)),   // stride > kernel: some pixels unseen
        ["3C4p1s2 on 2×9×8"] = (new(2, 9, 8), LayerSpec.Convolution(3, 4, stride: 2, padding: 1)),
        ["5C5 on 3×5×5"] = (new(3, 5, 5), LayerSpec.Convolution(5, 5)),
        ["2C1 on 1×4×3"] = (new(1, 4, 3), LayerSpec.Convolution(2, 1)),
        ["P2 on 3×7×5"] = (new(3, 7, 5), LayerSpec.Pooling(2)),                           // trailing row and column dropped
        ["P3 on 1×6×6"] = (new(1, 6, 6), LayerSpec.Pooling(3)),
        ["P1 on 2×3×3"] = (new(2, 3, 3), LayerSpec.Pooling(1)),
        ["7 on 3×5×4"] = (new(3, 5, 4), LayerSpec.Dense(7)),
        ["4 on 1×3×3"] = (new(1, 3, 3), LayerSpec.Dense(4)),
    };

    public static TheoryData<string> Cases => [.. Layers.Keys];

    public static TheoryData<string> PlasticCases => [.. Layers.Keys.Where(k => Layers[k].Spec.Kind != LayerKind.Pooling)];

    private static (SpikingLayer Layer, NaiveWiring Naive) Make(string name, ulong seed = 1)
    {
        var (input, spec) = Layers[name];
        var layer = SpikingLayer.Create(spec, input, bias: true, poolThreshold: 1f);
        layer.InitialiseKaiming(new SeededRandom(seed));
        var naive = new NaiveWiring(spec, input);
        Assert.Equal(naive.Output, layer.OutputShape);
        Assert.Equal(naive.Weights, layer.Weights.Length);
        Assert.Equal(naive.Biases, layer.Bias?.Length ?? 0);
        return (layer, naive);
    }

    private static float[] Random(int n, SeededRandom random) => Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();

    private static float[] Garbage(int n) => Enumerable.Repeat(float.NaN, n).ToArray();

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, out double scale)
    {
        double sum = 0;
        scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double p = (double)a[i] * b[i];
            sum += p;
            scale += Math.Abs(p);
        }
        return sum;
    }

    private static void Close(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, string what, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Count, actual.Length);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the expected values are all zero, so the check would be vacuous");
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale,
                $"{what}[{i}]: {actual[i]} where {expected[i]} is expected (scale {scale:G3})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sending_back_through_the_weights_is_the_adjoint_of_the_projection(string name)
    {
        var (layer, _) = Make(name);
        var random = new SeededRandom(2);
        var x = Random(Batch * layer.Inputs, random);
        var e = Random(Batch * layer.Outputs, random);
        var y = Garbage(Batch * layer.Outputs);
        var z = Garbage(Batch * layer.Inputs);
        layer.Project(x, y, Batch, CpuBackend.Serial);
        layer.SendBack(e, layer.Weights, z, Batch, CpuBackend.Serial);
        double forward = Dot(e, y, out double scaleForward);
        double backward = Dot(z, x, out double scaleBackward);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: ⟨e, Wx⟩ = {forward:G9}, ⟨Wᵀe, x⟩ = {backward:G9}");
        Assert.True(scaleForward > 0 && scaleBackward > 0);
        Assert.True(Math.Abs(forward - backward) <= 1e-5 * Math.Max(scaleForward, scaleBackward),
            $"{name}: ⟨e, Wx⟩ = {forward:G9} but ⟨Wᵀe, x⟩ = {backward:G9}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_projection_and_the_feedback_are_the_wiring_synapse_by_synapse(string name)
    {
        var (layer, naive) = Make(name);
        var random = new SeededRandom(3);
        var x = Random(Batch * layer.Inputs, random);
        var e = Random(Batch * layer.Outputs, random);
        var feedback = Random(layer.Weights.Length, random);   // not W: the feedback given is the one used
        var y = Garbage(Batch * layer.Outputs);
        var z = Garbage(Batch * layer.Inputs);
        layer.Project(x, y, Batch, CpuBackend.Serial);
        layer.SendBack(e, feedback, z, Batch, CpuBackend.Serial);
        Close(naive.Project(NaiveWiring.Doubles(x), NaiveWiring.Doubles(layer.Weights), Batch), y, $"{name} W∗x");
        Close(naive.SendBack(NaiveWiring.Doubles(e), NaiveWiring.Doubles(feedback), Batch), z, $"{name} Fᵀe");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_hebbian_and_bias_products_add_post_times_pre_over_the_batch_and_positions(string name)
    {
        var (layer, naive) = Make(name);
        var random = new SeededRandom(4);
        var post = Random(Batch * layer.Outputs, random);
        var pre = Random(Batch * layer.Inputs, random);
        var weights = Random(layer.Weights.Length, random);   // accumulated onto, not overwritten
        var bias = Random(layer.Bias?.Length ?? 0, random);
        var expectedWeights = naive.WeightProduct(NaiveWiring.Doubles(post), NaiveWiring.Doubles(pre), Batch).Select((g, i) => g + weights[i]).ToArray();
        var expectedBias = naive.BiasProduct(NaiveWiring.Doubles(post), Batch).Select((g, i) => g + bias[i]).ToArray();
        layer.AccumulateWeights(post, pre, weights, Batch, CpuBackend.Serial);
        layer.AccumulateBias(post, bias, Batch, CpuBackend.Serial);
        if (!layer.IsPlastic)
        {
            Assert.Empty(weights);
            Assert.Empty(bias);
            return;
        }
        Close(expectedWeights, weights, $"{name} ΔW");
        Close(expectedBias, bias, $"{name} Δb");
    }

    [Theory]
    [MemberData(nameof(PlasticCases))]
    public void The_current_is_the_projection_of_the_trace_plus_the_bias_of_each_map(string name)
    {
        var (layer, naive) = Make(name);
        var random = new SeededRandom(5);
        for (int i = 0; i < layer.Bias!.Length; i++) layer.Bias[i] = 0.5f * random.NextGaussian();
        var trace = Random(Batch * layer.Inputs, random);
        var spikes = new float[trace.Length];
        layer.Reset(Batch, CpuBackend.Serial);
        var current = Garbage(Batch * layer.Outputs);
        layer.ComputeCurrent(trace, spikes, LifParameters.Default, eventDensity: 0f, current, CpuBackend.Serial);
        var projection = naive.Project(NaiveWiring.Doubles(trace), NaiveWiring.Doubles(layer.Weights), Batch);
        var expected = projection.Select((v, k) => v + layer.Bias[naive.BiasOf[k % layer.Outputs]]).ToArray();
        Close(expected, current, $"{name} I");
    }

    [Fact]
    public void A_pools_current_is_the_mean_of_its_window()
    {
        var (layer, naive) = Make("P2 on 3×7×5");
        var trace = Random(Batch * layer.Inputs, new SeededRandom(6));
        layer.Reset(Batch, CpuBackend.Serial);
        var current = Garbage(Batch * layer.Outputs);
        layer.ComputeCurrent(trace, new float[trace.Length], LifParameters.Default, eventDensity: 0.2f, current, CpuBackend.Serial);
        Close(naive.Project(NaiveWiring.Doubles(trace), [], Batch), current, "pool I");
    }

    [Theory]
    [InlineData(0.9f, true)]
    [InlineData(1.1f, false)]
    public void A_pool_fires_against_its_own_threshold(float threshold, bool fires)
    {
        // One 2×2 window whose traces average 1.0; the network's threshold is also 1.0, at which the strict u > θ does not fire.
        var pool = new PoolingLayer(new ImageShape(1, 2, 2), window: 2, threshold);
        var lif = LifParameters.Default;
        Assert.Equal(threshold, pool.CellModel(new LifModel(lif)).Threshold);
        pool.Reset(1, CpuBackend.Serial);
        pool.ComputeCurrent([0.5f, 0.75f, 1.25f, 1.5f], new float[4], lif, 0f, pool.Current, CpuBackend.Serial);
        Assert.Equal(1f, pool.Current[0]);
        pool.Integrate(new LifModel(lif), SurrogateGradient.Default, CpuBackend.Serial);
        Assert.Equal(1f, pool.Membrane[0]);
        Assert.Equal(fires ? 1f : 0f, pool.Spikes[0]);
        Assert.Equal(fires ? lif.TraceGain : 0f, pool.Trace[0]);
        // The excitability gate is taken about θ_pool too.
        Assert.Equal(Gate(1f, threshold), pool.Gate[0], 1e-6f);
        Assert.True(Math.Abs(Gate(1f, lif.Threshold) - pool.Gate[0]) > 0.05f);
    }

    [Fact]
    public void A_network_gives_its_pools_the_pool_threshold_and_every_other_layer_its_own()
    {
        var lif = new LifParameters(5f, 3f, Threshold: 0.8f);
        var shape = NetworkNotation.Parse("3C3-P2-4C1-P2-5", new ImageShape(1, 10, 10), classes: 5);
        var network = new SpikingNetwork(shape, lif, SurrogateGradient.Default, new DirectEncoder(), bias: false, new SeededRandom(1), poolThreshold: 0.35f);
        Assert.Equal([0.8f, 0.35f, 0.8f, 0.35f, 0.8f], network.Layers.Select(l => l.CellModel(network.Neuron).Threshold));
        Assert.Equal([true, false, true, false, true], network.Layers.Select(l => l.IsPlastic));
        Assert.All(network.Layers.OfType<PoolingLayer>(), p => Assert.Equal(0.35f, p.Threshold));
    }

    [Fact]
    public void Kaiming_initialisation_uses_the_kernels_fan_in()
    {
        var layer = new ConvolutionLayer(new ImageShape(6, 12, 12), LayerSpec.Convolution(40, 5), bias: true);
        Assert.Equal(6 * 25, layer.FanIn);
        Assert.Equal(40 * 25, layer.FanOut);
        layer.InitialiseKaiming(new SeededRandom(7));
        double variance = layer.Weights.Average(w => (double)w * w);
        Assert.InRange(variance, 0.9 * 2.0 / 150, 1.1 * 2.0 / 150);
        Assert.All(layer.Bias!, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Convolutions_and_dense_layers_on_spiking_input_take_the_same_current_event_driven()
    {
        const EncoderKind encoder = EncoderKind.Rate;
        var dense = RunNetwork(0f, encoder);
        var events = RunNetwork(1f, encoder);
        double scale = dense.Currents.SelectMany(c => c).Max(MathF.Abs), worst = 0;
        for (int i = 0; i < dense.Currents.Count; i++)
            for (int k = 0; k < dense.Currents[i].Length; k++)
                worst = Math.Max(worst, Math.Abs(dense.Currents[i][k] - events.Currents[i][k]));
        TestContext.Current.TestOutputHelper?.WriteLine($"{encoder}: max current difference {worst / scale:E2} of the largest current");
        Assert.True(worst / scale <= 1e-5, $"currents differ by {worst / scale:E2} of the largest");
        Assert.Equal(dense.Spikes.SelectMany(s => s), events.Spikes.SelectMany(s => s));
        // Every layer fired (the input's spikes feed the first convolution, its spikes the second, the pool's the dense
        // layer), so each event-driven path had events to add.
        for (int l = 0; l < 5; l++)
            Assert.Contains(dense.Spikes.Where((_, i) => i % 5 == l).SelectMany(s => s), s => s > 0);
    }

    private static (List<float[]> Currents, List<float[]> Spikes) RunNetwork(float eventDensity, EncoderKind encoder)
    {
        const int batch = 4, steps = 12;
        var shape = NetworkNotation.Parse("4C3p1-3C3-P2-20-6", new ImageShape(2, 8, 8), classes: 6);
        var network = new SpikingNetwork(shape, LifParameters.Default, SurrogateGradient.Default, InputEncoders.Create(encoder, steps), bias: true,
            new SeededRandom(3), poolThreshold: 0.5f) { EventDrivenDensity = eventDensity };
        foreach (var layer in network.Layers)
        {
            for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] *= 2.5f;
            if (layer.Bias is { } bias)
                for (int i = 0; i < bias.Length; i++) bias[i] = 0.05f * (i % 3);
        }
        var random = new SeededRandom(11);
        var pixels = Enumerable.Range(0, batch * shape.Inputs).Select(_ => random.NextFloat()).ToArray();
        var currents = new List<float[]>();
        var spikes = new List<float[]>();
        var encoding = new SeededRandom(12);
        for (int repeat = 0; repeat < 2; repeat++)
        {
            network.BeginBatch(pixels, batch);
            for (int t = 1; t <= steps; t++)
            {
                network.Advance(encoding, computeGates: false);
                foreach (var layer in network.Layers)
                {
                    currents.Add(layer.ActiveSpan(layer.Current).ToArray());
                    spikes.Add(layer.ActiveSpan(layer.Spikes).ToArray());
                }
            }
        }
        return (currents, spikes);
    }

    private static float Gate(float membrane, float threshold)
    {
        var g = new float[1];
        CpuBackend.Serial.EvaluateGate(SurrogateGradient.Default.Function(threshold), [membrane], g);
        return g[0];
    }
}
