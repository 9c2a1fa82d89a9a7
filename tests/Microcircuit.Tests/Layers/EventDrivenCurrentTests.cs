using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Layers;

/// <summary>
/// The event-driven current (weight rows of the inputs that spiked, filtered like the trace) is the dense product
/// with the trace, up to float rounding: pins that choosing it does not change the forward pass.
/// </summary>
public sealed class EventDrivenCurrentTests
{
    private static (List<float[]> Currents, List<float[]> Spikes) Run(float eventDensity, EncoderKind encoder)
    {
        int[] sizes = [50, 40, 30, 10];
        const int batch = 6, steps = 12;
        var network = new SpikingNetwork(new NetworkShape(sizes[0], sizes[1..^1], sizes[^1]), LifParameters.Default,
            SurrogateGradient.Default, InputEncoders.Create(encoder, steps), bias: true, new SeededRandom(3)) { EventDrivenDensity = eventDensity };
        foreach (var layer in network.Layers)
        {
            for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] *= 2.5f;   // enough activity in every layer
            for (int i = 0; i < layer.Bias!.Length; i++) layer.Bias[i] = 0.05f * (i % 3);
        }
        var random = new SeededRandom(11);
        var pixels = Enumerable.Range(0, batch * sizes[0]).Select(_ => random.NextFloat()).ToArray();
        var currents = new List<float[]>();
        var spikes = new List<float[]>();
        var encoding = new SeededRandom(12);
        for (int repeat = 0; repeat < 2; repeat++)   // two batches: the filter restarts from rest
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

    [Theory]
    [InlineData(EncoderKind.Rate)]
    [InlineData(EncoderKind.Latency)]
    public void Event_driven_and_dense_currents_agree(EncoderKind encoder)
    {
        var dense = Run(0f, encoder);
        var events = Run(1f, encoder);
        double scale = dense.Currents.SelectMany(c => c).Max(MathF.Abs), worst = 0;
        for (int i = 0; i < dense.Currents.Count; i++)
            for (int k = 0; k < dense.Currents[i].Length; k++)
                worst = Math.Max(worst, Math.Abs(dense.Currents[i][k] - events.Currents[i][k]));
        TestContext.Current.TestOutputHelper?.WriteLine($"{encoder}: max current difference {worst / scale:E2} of the largest current");
        Assert.True(worst / scale <= 1e-5, $"currents differ by {worst / scale:E2} of the largest");
        Assert.Equal(dense.Spikes.SelectMany(s => s), events.Spikes.SelectMany(s => s));
        Assert.Contains(dense.Spikes.SelectMany(s => s), s => s > 0);
    }
}
