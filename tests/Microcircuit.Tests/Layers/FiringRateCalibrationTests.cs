using System.Numerics.Tensors;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Layers;

/// <summary>--init-rate: each hidden plastic layer's initial weights are scaled until it fires at the target rate.</summary>
public sealed class FiringRateCalibrationTests
{
    private const int Batch = 12, Steps = 5;

    private static (SpikingNetwork Network, float[] Pixels) Make(ulong seed)
    {
        var shape = NetworkNotation.Parse("6C3p1-P2-8C3p1-P2-20-4", new ImageShape(2, 12, 12), classes: 4);
        var random = new SeededRandom(seed);
        var network = new SpikingNetwork(shape, LifParameters.Default, SurrogateGradient.Default, new DirectEncoder(), bias: false, random, poolThreshold: 0.25f);
        var pixels = new float[Batch * shape.Inputs];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = random.NextGaussian();
        return (network, pixels);
    }

    private static double[] Rates(SpikingNetwork network, float[] pixels)
    {
        var rates = new double[network.Layers.Count];
        network.BeginBatch(pixels, Batch);
        for (int t = 0; t < Steps; t++)
        {
            network.Advance(new SeededRandom(0), computeGates: false);
            for (int l = 0; l < rates.Length; l++) rates[l] += TensorPrimitives.Sum(network.Layers[l].ActiveSpan(network.Layers[l].Spikes));
        }
        return rates.Select((r, l) => r / ((double)Batch * network.Layers[l].Outputs * Steps)).ToArray();
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.3f)]
    public void Every_hidden_plastic_layer_fires_at_the_target_and_the_output_layer_keeps_its_weights(float target)
    {
        var (network, pixels) = Make(3);
        var before = Rates(network, pixels);
        var output = (float[])network.Output.Weights.Clone();
        var scales = FiringRateCalibration.Calibrate(network, pixels, Batch, Steps, target, new SeededRandom(1));
        var after = Rates(network, pixels);
        TestContext.Current.TestOutputHelper?.WriteLine($"rates before {string.Join(" ", before.Select(r => r.ToString("F3")))}; after {string.Join(" ", after.Select(r => r.ToString("F3")))}; scales {string.Join(" ", scales)}");
        foreach (int l in new[] { 0, 2, 4 })   // the conv layers and the dense hidden layer
            Assert.InRange(after[l], target * 0.85, target * 1.15);
        Assert.True(Math.Abs(before[4] - target) > 0.2 * target, "the dense layer was already at the target, so the test could not fail");
        Assert.Equal(1f, scales[1]);   // pools have no weights
        Assert.Equal(1f, scales[3]);
        Assert.Equal(1f, scales[^1]);
        Assert.Equal(output, network.Output.Weights);
        Assert.All(scales, s => Assert.True(s > 0f));
    }

    [Fact]
    public void Calibration_only_rescales_so_signs_and_ratios_survive_and_it_is_deterministic()
    {
        var (first, pixels) = Make(5);
        var (second, _) = Make(5);
        var initial = first.Layers.Select(l => (float[])l.Weights.Clone()).ToArray();
        var a = FiringRateCalibration.Calibrate(first, pixels, Batch, Steps, 0.2f, new SeededRandom(1));
        var b = FiringRateCalibration.Calibrate(second, pixels, Batch, Steps, 0.2f, new SeededRandom(1));
        Assert.Equal(a, b);
        for (int l = 0; l < first.Layers.Count; l++)
        {
            Assert.Equal(first.Layers[l].Weights, second.Layers[l].Weights);
            for (int i = 0; i < initial[l].Length; i++)
                Assert.Equal(initial[l][i] * a[l], first.Layers[l].Weights[i], 6);
        }
    }

    [Fact]
    public void A_target_outside_zero_to_one_is_refused()
    {
        var (network, pixels) = Make(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => FiringRateCalibration.Calibrate(network, pixels, Batch, Steps, 1.2f, new SeededRandom(1)));
    }
}
